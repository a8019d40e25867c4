/// One declarative step of `transform:`, applied in order to every record of every stream.
///
/// A step that names a field a record lacks leaves that record as it is.
public enum TransformStep: Sendable, Equatable {
    /// Normalises timestamps, ids, enums, counts and children, and adds `account_id` and `username`.
    case normalize(NormalizeOptions)
    /// Keeps only these fields, in this order.
    case select([String])
    /// Removes these fields.
    case drop([String])
    /// Renames fields, keeping their position.
    case rename([Rename])
    /// Keeps only the records for which the condition holds.
    case filter(FilterCondition)
    /// Extracts `#hashtags` from a text field into an array field.
    case hashtags(TextExtraction)
    /// Extracts `@mentions` from a text field into an array field.
    case mentions(TextExtraction)
    /// Cuts a text field to at most `maxLength` grapheme clusters.
    case truncate(Truncation)

    /// The step's name as written in the pipeline file.
    public var name: String {
        switch self {
        case .normalize: "normalize"
        case .select: "select"
        case .drop: "drop"
        case .rename: "rename"
        case .filter: "filter"
        case .hashtags: "hashtags"
        case .mentions: "mentions"
        case .truncate: "truncate"
        }
    }
}

/// Options of the `normalize` step.
public struct NormalizeOptions: Sendable, Equatable {
    /// Adds `_run_id` and `_extracted_at`, which describe the run rather than the data.
    public var runFields = false

    /// Creates the default options.
    public init(runFields: Bool = false) {
        self.runFields = runFields
    }
}

/// A `from: to` pair of the `rename` step.
public struct Rename: Sendable, Equatable {
    public var from: String
    public var to: String

    /// Creates a rename.
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// Options of the `hashtags` and `mentions` steps.
public struct TextExtraction: Sendable, Equatable {
    /// The text field to read.
    public var from = "caption"
    /// The array field to write; defaults to the step's name.
    public var to: String

    /// Creates the options.
    public init(from: String = "caption", to: String) {
        self.from = from
        self.to = to
    }
}

/// Options of the `truncate` step.
public struct Truncation: Sendable, Equatable {
    public var field: String
    /// The largest number of grapheme clusters kept.
    public var maxLength: Int
    /// Appended when the text was cut (counted in `maxLength`).
    public var ellipsis = "…"

    /// Creates the options.
    public init(field: String, maxLength: Int, ellipsis: String = "…") {
        self.field = field
        self.maxLength = maxLength
        self.ellipsis = ellipsis
    }
}

/// A condition of the `filter` step: `FIELD OP VALUE`, such as `media_type in [IMAGE, CAROUSEL_ALBUM]` or
/// `timestamp >= 2025-01-01`.
public struct FilterCondition: Sendable, Equatable {
    /// The comparison operators a condition can use.
    public enum Operator: String, Sendable, Equatable, CaseIterable {
        case equal = "=="
        case notEqual = "!="
        case lessOrEqual = "<="
        case greaterOrEqual = ">="
        case less = "<"
        case greater = ">"
        case isIn = "in"
        case notIn = "not in"
        case contains = "contains"
    }

    /// A dotted path to the field (`children.0.media_type`).
    public var field: String
    public var op: Operator
    /// The operand: one value, or several for `in` and `not in`.
    public var values: [String]

    /// Creates a condition.
    public init(field: String, op: Operator, values: [String]) {
        self.field = field
        self.op = op
        self.values = values
    }
}

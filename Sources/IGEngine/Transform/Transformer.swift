import Foundation
import IGCore
import IGGraph

/// Applies the `transform:` steps, in order, to every record of a page.
///
/// Steps are compiled once (paths split, operands parsed), so `apply` does only per-record work. A step that
/// names a field a record lacks leaves that record as it is; `filter` drops records, every other step keeps
/// them. `select`, `drop`, `rename`, `truncate` and the extraction steps name top-level fields; `filter` takes
/// a dotted path.
public struct Transformer: Sendable {
    private enum Step: Sendable {
        case normalize(runFields: Bool)
        case select([String])
        case drop([String])
        case rename([Rename])
        case filter(CompiledFilter)
        case hashtags(TextExtraction)
        case mentions(TextExtraction)
        case truncate(Truncation)
    }

    private let steps: [Step]
    private let runFields: (runID: String, extractedAt: String)
    private let expectedFields: [StreamKind: [String]]

    /// The count fields `normalize` adds as `null` when a record lacks them, per stream, unless the runner
    /// passes the fields it asked for.
    public static let defaultExpectedCounts: [StreamKind: [String]] = [
        .profile: ["followers_count", "follows_count", "media_count"],
        .media: ["like_count", "comments_count"],
        .comments: ["like_count"],
    ]

    /// Compiles `steps`.
    ///
    /// - Parameters:
    ///   - runID: the run's id, written as `_run_id` when `normalize` has `runFields`.
    ///   - extractedAt: the run's start, written as `_extracted_at` (RFC 3339) when `normalize` has `runFields`.
    ///   - requestedFields: the fields the run asked for, per stream; `normalize` adds each requested field a
    ///     record lacks as `null`, so that every record of a stream has one key set (the API leaves empty fields
    ///     out). Streams not listed use `defaultExpectedCounts`.
    public init(
        steps: [TransformStep],
        runID: String,
        extractedAt: Date,
        requestedFields: [StreamKind: [String]] = [:]
    ) {
        self.steps = steps.map { step in
            switch step {
            case .normalize(let options): .normalize(runFields: options.runFields)
            case .select(let fields): .select(fields)
            case .drop(let fields): .drop(fields)
            case .rename(let renames): .rename(renames)
            case .filter(let condition): .filter(CompiledFilter(condition))
            case .hashtags(let extraction): .hashtags(extraction)
            case .mentions(let extraction): .mentions(extraction)
            case .truncate(let truncation): .truncate(truncation)
            }
        }
        runFields = (runID, Timestamp(extractedAt).rfc3339)
        var expected = Transformer.defaultExpectedCounts
        for (stream, fields) in requestedFields {
            expected[stream] = fields
        }
        expectedFields = expected
    }

    /// The page with every step applied to its records; filtered-out records are removed, the cursor kept.
    public func apply(_ page: Page, account: AccountContext) -> Page {
        var result = page
        result.records = []
        result.records.reserveCapacity(page.records.count)
        for record in page.records {
            if let transformed = apply(record, stream: page.stream, account: account) {
                result.records.append(transformed)
            }
        }
        return result
    }

    /// The record with every step applied, or `nil` when a `filter` drops it.
    public func apply(_ record: Record, stream: StreamKind, account: AccountContext) -> Record? {
        var record = record
        for step in steps {
            switch step {
            case .normalize(let withRunFields):
                record = record.normalized(
                    account: account,
                    expectedFields: expectedFields[stream] ?? [],
                    runFields: withRunFields ? runFields : nil
                )
            case .select(let fields):
                record = record.selecting(fields)
            case .drop(let fields):
                record.filterKeys { !fields.contains($0) }
            case .rename(let renames):
                for rename in renames {
                    record.rename(rename.from, to: rename.to)
                }
            case .filter(let filter):
                guard filter.keeps(record) else { return nil }
            case .hashtags(let extraction):
                let text = record[extraction.from]?.stringValue ?? ""
                record[extraction.to] = .array(TagExtractor.hashtags(in: text).map(JSONValue.string))
            case .mentions(let extraction):
                let text = record[extraction.from]?.stringValue ?? ""
                record[extraction.to] = .array(TagExtractor.mentions(in: text).map(JSONValue.string))
            case .truncate(let truncation):
                if case .string(let text)? = record[truncation.field] {
                    let cut = truncation.apply(to: text)
                    if cut.utf8.count != text.utf8.count { record[truncation.field] = .string(cut) }
                }
            }
        }
        return record
    }

    /// The keys every record of `stream` has once transformed, in order, when its records carry `fields`: what a
    /// CSV without `columns` takes as its header, known before the first record. `filter` is not applied: it
    /// drops records, never keys.
    public func outputKeys(of stream: StreamKind, fields: [String], account: AccountContext) -> [String] {
        var template = Record(fields.map { ($0, JSONValue.string("")) })
        for step in steps {
            if case .filter = step { continue }
            let single = Transformer(compiled: [step], runFields: runFields, expectedFields: expectedFields)
            template = single.apply(template, stream: stream, account: account) ?? template
        }
        return template.keys
    }

    private init(
        compiled steps: [Step],
        runFields: (runID: String, extractedAt: String),
        expectedFields: [StreamKind: [String]]
    ) {
        self.steps = steps
        self.runFields = runFields
        self.expectedFields = expectedFields
    }
}

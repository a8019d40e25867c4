import IGCore
import IGGraph

/// A `filter` condition prepared for the hot path: the path split and every operand parsed once.
///
/// Comparisons follow the value's kind: when both sides read as instants (`2025-01-01`,
/// `2025-03-01T12:34:56Z`, Graph's `+0000` form) they compare as time; when both read as numbers, as numbers
/// (integers exactly); otherwise as strings. A record whose field is missing or `null` passes, as for every
/// step that names a field a record lacks. `contains` tests a substring of a string field or an element of an
/// array field; it is case-sensitive, like every other operator.
struct CompiledFilter: Sendable {
    /// One operand, read in every way a record value may need it.
    struct Operand: Sendable {
        var text: String
        var integer: Int64?
        var number: Double?
        var instant: Timestamp?

        init(_ text: String) {
            self.text = text
            integer = Int64(text)
            number = Double(text).flatMap { $0.isFinite ? $0 : nil }
            instant = Timestamp(parsing: text)
        }
    }

    var path: FieldPath
    var op: FilterCondition.Operator
    var operands: [Operand]

    init(_ condition: FilterCondition) {
        path = FieldPath(condition.field)
        op = condition.op
        operands = condition.values.map(Operand.init)
    }

    /// Whether `record` is kept.
    func keeps(_ record: Record) -> Bool {
        guard let value = record.value(at: path), !value.isNull else { return true }
        switch op {
        case .equal: return operands.first.map { Self.compare(value, $0) == .equal } ?? false
        case .notEqual: return operands.first.map { Self.compare(value, $0) != .equal } ?? true
        case .less: return operands.first.map { Self.compare(value, $0) == .less } ?? false
        case .lessOrEqual: return operands.first.map { [.less, .equal].contains(Self.compare(value, $0)) } ?? false
        case .greater: return operands.first.map { Self.compare(value, $0) == .greater } ?? false
        case .greaterOrEqual:
            return operands.first.map { [.greater, .equal].contains(Self.compare(value, $0)) } ?? false
        case .isIn: return operands.contains { Self.compare(value, $0) == .equal }
        case .notIn: return !operands.contains { Self.compare(value, $0) == .equal }
        case .contains: return operands.contains { Self.contains(value, $0) }
        }
    }

    enum Order: Sendable {
        case less, equal, greater
    }

    /// Orders `value` against `operand`, or `nil` when they cannot be compared (an object, an array).
    static func compare(_ value: JSONValue, _ operand: Operand) -> Order? {
        switch value {
        case .int(let integer):
            if let other = operand.integer { return order(integer, other) }
            if let other = operand.number { return order(Double(integer), other) }
            return order(String(integer), operand.text)
        case .double(let number):
            if let other = operand.number { return order(number, other) }
            return order(number.description, operand.text)
        case .number(let text):
            if let other = operand.number, let number = Double(text), number.isFinite { return order(number, other) }
            return order(text, operand.text)
        case .bool(let flag):
            return order(flag ? "true" : "false", operand.text)
        case .string(let text):
            if let other = operand.instant, let instant = Timestamp(parsing: text) { return order(instant, other) }
            if let other = operand.integer, let integer = Int64(text) { return order(integer, other) }
            if let other = operand.number, let number = Double(text), number.isFinite { return order(number, other) }
            return order(text, operand.text)
        case .null, .array, .object:
            return nil
        }
    }

    private static func order<T: Comparable>(_ lhs: T, _ rhs: T) -> Order {
        lhs < rhs ? .less : lhs == rhs ? .equal : .greater
    }

    private static func contains(_ value: JSONValue, _ operand: Operand) -> Bool {
        switch value {
        case .string(let text): text.contains(operand.text)
        case .array(let elements): elements.contains { compare($0, operand) == .equal }
        default: false
        }
    }
}

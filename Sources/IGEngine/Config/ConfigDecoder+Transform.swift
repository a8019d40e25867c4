import Foundation
import IGGraph

extension ConfigDecoder {
    func transformSteps(_ node: ConfigNode) throws(ConfigError) -> [TransformStep] {
        let names = ["normalize", "select", "drop", "rename", "filter", "hashtags", "mentions", "truncate"]
        var steps: [TransformStep] = []
        for item in try node.list() {
            let (name, value) = try item.tagged(allowed: names, what: "transform step")
            steps.append(try step(name, value, at: item))
        }
        return steps
    }

    private func step(_ name: String, _ options: ConfigNode?, at item: ConfigNode) throws(ConfigError) -> TransformStep
    {
        switch name {
        case "normalize":
            guard let value = options else { return .normalize(NormalizeOptions()) }
            let keys = try value.mapping(allowed: ["run_fields"])
            return .normalize(NormalizeOptions(runFields: try keys["run_fields"]?.bool() ?? false))
        case "hashtags", "mentions":
            var extraction = TextExtraction(to: name)
            if let value = options {
                let keys = try value.mapping(allowed: ["from", "to"])
                if let from = keys["from"] { extraction.from = try from.nonEmptyString() }
                if let to = keys["to"] { extraction.to = try to.nonEmptyString() }
            }
            return name == "hashtags" ? .hashtags(extraction) : .mentions(extraction)
        default:
            break
        }
        guard let value = options else { throw item.error("the \(name) step needs options") }
        switch name {
        case "select", "drop":
            let fields = try value.stringList()
            guard !fields.isEmpty else { throw value.error("expected at least one field") }
            return name == "select" ? .select(fields) : .drop(fields)
        case "rename":
            guard let mapping = value.node.mapping, !mapping.isEmpty else {
                throw value.error("expected a mapping of `old_name: new_name`")
            }
            var renames: [Rename] = []
            for (key, target) in mapping {
                let from = ConfigNode(node: key, key: value.key, file: file)
                let to = ConfigNode(node: target, key: value.path(key.scalar?.string ?? ""), file: file)
                renames.append(Rename(from: try from.nonEmptyString(), to: try to.nonEmptyString()))
            }
            return .rename(renames)
        case "filter":
            return .filter(try filterCondition(value))
        default:
            let keys = try value.mapping(allowed: ["field", "max_length", "ellipsis"])
            guard let field = keys["field"] else { throw value.error("missing key 'field'") }
            guard let maxLength = keys["max_length"] else { throw value.error("missing key 'max_length'") }
            let truncation = Truncation(
                field: try field.nonEmptyString(),
                maxLength: try maxLength.int(in: 1...1_000_000),
                ellipsis: try keys["ellipsis"]?.string() ?? "…"
            )
            guard truncation.ellipsis.count < truncation.maxLength else {
                throw (keys["ellipsis"] ?? value).error("the ellipsis must be shorter than max_length")
            }
            return .truncate(truncation)
        }
    }

    /// Parses `FIELD OP VALUE`, where VALUE is `[A, B]` for `in` and `not in`.
    private func filterCondition(_ node: ConfigNode) throws(ConfigError) -> FilterCondition {
        let usage =
            "expected `FIELD OP VALUE` with OP one of "
            + FilterCondition.Operator.allCases.map(\.rawValue).joined(separator: ", ")
            + ", e.g. `media_type in [IMAGE, CAROUSEL_ALBUM]` or `timestamp >= 2025-01-01`"
        let text = try node.nonEmptyString().trimmingCharacters(in: .whitespaces)
        guard let space = text.firstIndex(of: " ") else { throw node.error(usage) }
        let field = String(text[..<space])
        var rest = text[space...].drop { $0 == " " }
        let operators = FilterCondition.Operator.allCases.sorted { $0.rawValue.count > $1.rawValue.count }
        guard let op = operators.first(where: { rest.hasPrefix($0.rawValue) }) else { throw node.error(usage) }
        rest = rest.dropFirst(op.rawValue.count)
        if op.rawValue.first!.isLetter, let next = rest.first, next != " " { throw node.error(usage) }
        let operand = rest.trimmingCharacters(in: .whitespaces)
        guard !field.isEmpty, !operand.isEmpty else { throw node.error(usage) }
        let values: [String]
        if op == .isIn || op == .notIn {
            guard operand.hasPrefix("["), operand.hasSuffix("]") else {
                throw node.error("`\(op.rawValue)` takes a list such as [IMAGE, VIDEO]")
            }
            values = operand.dropFirst().dropLast().split(separator: ",").map { unquote($0) }
            guard !values.isEmpty else { throw node.error("`\(op.rawValue)` takes a non-empty list") }
        } else {
            values = [unquote(Substring(operand))]
        }
        return FilterCondition(field: field, op: op, values: values)
    }

    private func unquote(_ text: Substring) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for quote in ["\"", "'"] where trimmed.count >= 2 && trimmed.hasPrefix(quote) && trimmed.hasSuffix(quote) {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }
}

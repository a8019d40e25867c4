import IGCore
import IGGraph
import Yams

/// A YAML node with the key path that leads to it, so that every decoding error can name its place.
struct ConfigNode {
    let node: Node
    /// The key path, such as `load[2].csv.columns`.
    let key: String
    /// The pipeline file, for errors.
    let file: String

    /// An error at this node.
    func error(_ message: String) -> ConfigError {
        ConfigError(
            path: file,
            line: node.mark?.line ?? 0,
            column: node.mark?.column ?? 0,
            key: key,
            message: message
        )
    }

    /// The child key path for a mapping key.
    func path(_ child: String) -> String { key.isEmpty ? child : "\(key).\(child)" }

    /// The members of a mapping whose keys are all among `allowed`; any other key is an error that lists
    /// the valid ones.
    func mapping(allowed: [String]) throws(ConfigError) -> [String: ConfigNode] {
        guard let mapping = node.mapping else {
            throw error("expected a mapping with keys \(allowed.joined(separator: ", "))")
        }
        var result: [String: ConfigNode] = [:]
        for (keyNode, value) in mapping {
            let name = keyNode.scalar?.string ?? ""
            let child = ConfigNode(node: keyNode, key: path(name), file: file)
            guard allowed.contains(name) else {
                throw child.error(
                    "unknown key '\(name)'; valid keys here: \(allowed.joined(separator: ", "))"
                        + (suggestion(for: name, among: allowed).map { " (did you mean '\($0)'?)" } ?? "")
                )
            }
            result[name] = ConfigNode(node: value, key: path(name), file: file)
        }
        return result
    }

    /// A single-key mapping such as `- csv: {...}`: its key (which must be one of `allowed`) and value; a bare
    /// name such as `- normalize` has no value.
    func tagged(allowed: [String], what: String) throws(ConfigError) -> (name: String, value: ConfigNode?) {
        if let scalar = node.scalar {
            guard allowed.contains(scalar.string) else {
                throw error(
                    "unknown \(what) '\(scalar.string)'; valid: \(allowed.joined(separator: ", "))"
                        + (suggestion(for: scalar.string, among: allowed).map { " (did you mean '\($0)'?)" } ?? "")
                )
            }
            return (scalar.string, nil)
        }
        guard let mapping = node.mapping, mapping.count == 1, let (keyNode, value) = mapping.first,
            let name = keyNode.scalar?.string
        else {
            throw error("expected one \(what) as `NAME: {options}`; valid: \(allowed.joined(separator: ", "))")
        }
        guard allowed.contains(name) else {
            throw ConfigNode(node: keyNode, key: key, file: file).error(
                "unknown \(what) '\(name)'; valid: \(allowed.joined(separator: ", "))"
                    + (suggestion(for: name, among: allowed).map { " (did you mean '\($0)'?)" } ?? "")
            )
        }
        let child = ConfigNode(node: value, key: path(name), file: file)
        return (name, child.isNull ? nil : child)
    }

    /// Whether the node is YAML's null (`~`, `null` or nothing).
    var isNull: Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func string() throws(ConfigError) -> String {
        guard let scalar = node.scalar, !isNull else { throw error("expected a string") }
        return scalar.string
    }

    func nonEmptyString() throws(ConfigError) -> String {
        let value = try string()
        guard !value.allSatisfy(\.isWhitespace) else { throw error("must not be empty") }
        return value
    }

    func int(in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let scalar = node.scalar, scalar.style == .plain, let value = Int(scalar.string) else {
            throw error("expected an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        guard range.contains(value) else {
            throw error("\(value) is out of range; expected \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A size in bytes: a plain integer, or a number with `KiB`, `MiB` or `GiB` (`64MiB`, `512 KiB`).
    func byteSize(in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        let expected = "expected a size from \(range.lowerBound) to \(range.upperBound) bytes, such as 64MiB"
        guard let scalar = node.scalar, !isNull else { throw error(expected) }
        var text = Substring(scalar.string.filter { !$0.isWhitespace })
        var unit = 1
        for (suffix, factor) in [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30)] where text.hasSuffix(suffix) {
            text = text.dropLast(suffix.count)
            unit = factor
        }
        guard let number = Int(text) else { throw error(expected) }
        let (value, overflow) = number.multipliedReportingOverflow(by: unit)
        guard !overflow, range.contains(value) else { throw error("\(scalar.string) is out of range; \(expected)") }
        return value
    }

    func bool() throws(ConfigError) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { throw error("expected true or false") }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, not '\(scalar.string)'")
        }
    }

    func duration() throws(ConfigError) -> Duration {
        guard let scalar = node.scalar, let value = Duration(configText: scalar.string) else {
            throw error(
                "expected a duration such as 500ms, 30s, 2m, 1h or 3d, at most \(Duration.configMaximum.configText)"
            )
        }
        return value
    }

    func stringList() throws(ConfigError) -> [String] {
        if node.scalar != nil, !isNull {
            return [try string()]
        }
        guard let sequence = node.sequence else { throw error("expected a list of strings") }
        var result: [String] = []
        for (index, element) in sequence.enumerated() {
            let child = ConfigNode(node: element, key: "\(key)[\(index)]", file: file)
            guard element.scalar != nil, !child.isNull else { throw child.error("expected a string") }
            result.append(try child.string())
        }
        return result
    }

    func list() throws(ConfigError) -> [ConfigNode] {
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.enumerated().map { ConfigNode(node: $1, key: "\(key)[\($0)]", file: file) }
    }

    func oneOf<Value: RawRepresentable & CaseIterable>(_: Value.Type) throws(ConfigError) -> Value
    where Value.RawValue == String {
        let text = try string()
        guard let value = Value(rawValue: text) else {
            let valid = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw error("unknown value '\(text)'; valid: \(valid)")
        }
        return value
    }
}

/// The allowed name closest to a misspelt one, when it is close enough to be a likely typo.
func suggestion(for name: String, among allowed: [String]) -> String? {
    let scored = allowed.map { ($0, editDistance(name, $0)) }.min { $0.1 < $1.1 }
    guard let (best, distance) = scored, distance <= max(1, name.count / 3) else { return nil }
    return best
}

private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

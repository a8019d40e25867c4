import IGCore
import IGGraph

/// Dotted paths into records, as `filter` conditions and CSV `columns` name fields: `caption`,
/// `children.0.media_url`. A component that is a decimal number indexes an array.
extension JSONObject {
    /// The value at `path`, or `nil` when any component is missing.
    public func value(atPath path: String) -> JSONValue? {
        value(at: FieldPath(path))
    }

    /// The value at a parsed path, or `nil` when any component is missing.
    func value(at path: FieldPath) -> JSONValue? {
        guard let first = path.components.first, let start = self[first.key] else { return nil }
        var current = start
        for component in path.components.dropFirst() {
            switch current {
            case .object(let object):
                guard let next = object[component.key] else { return nil }
                current = next
            case .array(let elements):
                guard let index = component.index, elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}

/// A dotted path, split once so that lookups on the hot path do not parse it again.
struct FieldPath: Sendable, Equatable {
    struct Component: Sendable, Equatable {
        var key: String
        /// The array index this component denotes, when it is a decimal number.
        var index: Int?
    }

    var components: [Component]

    init(_ path: String) {
        components = path.split(separator: ".", omittingEmptySubsequences: false).map { part in
            let index = part.allSatisfy(\.isASCII) ? Int(part) : nil
            return Component(key: String(part), index: index.flatMap { $0 >= 0 ? $0 : nil })
        }
    }
}

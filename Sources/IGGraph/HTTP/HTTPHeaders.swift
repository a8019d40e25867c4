/// Response headers, in the order received, looked up case-insensitively.
public struct HTTPHeaders: Sendable, Equatable {
    /// The headers, with lowercased names, in the order received.
    public private(set) var fields: [(name: String, value: String)]

    /// Creates headers from name-value pairs; names are lowercased.
    public init(_ fields: [(String, String)] = []) {
        self.fields = fields.map { (name: $0.0.lowercased(), value: $0.1) }
    }

    /// The first value of the header `name` (any case), or `nil` when it is absent.
    public subscript(name: String) -> String? {
        let name = name.lowercased()
        return fields.first { $0.name == name }?.value
    }

    /// Adds a header at the end.
    public mutating func append(name: String, value: String) {
        fields.append((name: name.lowercased(), value: value))
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }
}

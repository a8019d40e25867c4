/// A JSON object that keeps its keys in insertion order.
///
/// Records are small (a dozen fields), so a flat array of pairs beats a hash table both for lookups and for
/// the allocation count on the hot path. Setting an existing key keeps its position.
public struct JSONObject: Sendable, Hashable {
    /// The members, in order.
    public private(set) var members: [(key: String, value: JSONValue)]

    /// Creates an empty object.
    public init() {
        members = []
    }

    /// Creates an object from key-value pairs; a repeated key keeps its first position and last value.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        members = []
        for (key, value) in pairs {
            self[key] = value
        }
    }

    /// The keys, in order.
    public var keys: [String] { members.map(\.key) }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The value for `key`, or `nil` when the key is absent. Setting `nil` removes the key.
    public subscript(key: String) -> JSONValue? {
        get {
            for member in members where member.key == key {
                return member.value
            }
            return nil
        }
        set {
            let index = members.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append((key, value))
            case (nil, nil): break
            }
        }
    }

    /// Appends a member without looking for an existing key; for parsers that build a fresh object.
    public mutating func append(_ key: String, _ value: JSONValue) {
        members.append((key, value))
    }

    /// Appends a member, or replaces the value of an earlier member with the same key; for parsers, which
    /// must keep one value per key. Small objects are searched in place; past `indexThreshold` members the
    /// caller's `index` (key to position, empty at first) takes over, so a hostile object with a million keys
    /// costs linear time, not quadratic.
    package mutating func appendKeepingLast(_ key: String, _ value: JSONValue, index: inout [String: Int]) {
        if members.count < Self.indexThreshold {
            if let position = members.firstIndex(where: { $0.key == key }) {
                members[position].value = value
            } else {
                members.append((key, value))
            }
            return
        }
        if index.isEmpty {
            for (position, member) in members.enumerated() { index[member.key] = position }
        }
        if let position = index[key] {
            members[position].value = value
        } else {
            index[key] = members.count
            members.append((key, value))
        }
    }

    private static let indexThreshold = 32

    /// Renames `key` to `newKey` in place; a member already named `newKey` is replaced.
    public mutating func rename(_ key: String, to newKey: String) {
        guard key != newKey, members.contains(where: { $0.key == key }) else { return }
        members.removeAll { $0.key == newKey }
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].key = newKey
        }
    }

    /// Keeps only the members whose key satisfies `isIncluded`.
    public mutating func filterKeys(_ isIncluded: (String) -> Bool) {
        members.removeAll { !isIncluded($0.key) }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.elementsEqual(rhs.members) { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}

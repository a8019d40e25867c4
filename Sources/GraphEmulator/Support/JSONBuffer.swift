/// Bytes of a JSON document under construction.
///
/// Strings are escaped as Graph escapes them: `/` as `\/` and every non-ASCII character as a `\uXXXX` UTF-16
/// escape (surrogate pairs for emoji), so a client must decode escapes rather than read the bytes as text.
struct JSONBuffer {
    private(set) var bytes: [UInt8]

    init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func raw(_ other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func number(_ value: Int) {
        raw(String(value))
    }

    /// Appends `"name":`.
    mutating func key(_ name: String) {
        string(name)
        byte(UInt8(ascii: ":"))
    }

    mutating func string(_ text: String) {
        byte(UInt8(ascii: "\""))
        for unit in text.utf16 {
            switch unit {
            case 0x22: raw("\\\"")
            case 0x5C: raw("\\\\")
            case 0x2F: raw("\\/")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x20..<0x7F: byte(UInt8(unit))
            default: unicodeEscape(unit)
            }
        }
        byte(UInt8(ascii: "\""))
    }

    private mutating func unicodeEscape(_ unit: UInt16) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        raw("\\u")
        byte(hex[Int(unit >> 12) & 0xF])
        byte(hex[Int(unit >> 8) & 0xF])
        byte(hex[Int(unit >> 4) & 0xF])
        byte(hex[Int(unit) & 0xF])
    }

    /// `"name":"value"` as bytes, for precomputed record fragments.
    static func fragment(_ name: String, string value: String) -> [UInt8] {
        var buffer = JSONBuffer(capacity: name.utf8.count + value.utf8.count + 8)
        buffer.key(name)
        buffer.string(value)
        return buffer.bytes
    }

    /// `"name":literal`, where the literal is already JSON (a number, a boolean, an object).
    static func fragment(_ name: String, literal: String) -> [UInt8] {
        var buffer = JSONBuffer(capacity: name.utf8.count + literal.utf8.count + 4)
        buffer.key(name)
        buffer.raw(literal)
        return buffer.bytes
    }
}

/// A compact JSON encoder that appends UTF-8 bytes to a buffer.
///
/// Records are the hot path of every writer, so this encoder neither goes through `Codable` nor allocates per
/// value: strings are copied in runs between the bytes that need escaping, integers are written digit by digit.
/// Output is RFC 8259 JSON: keys in the object's order, non-ASCII kept as UTF-8, `"`, `\` and control characters
/// escaped (`\n`, `\r`, `\t`, `\b`, `\f` in short form, the rest as `\u00XX`), and non-finite doubles as `null`.
extension JSONValue {
    /// Appends the value's compact JSON text to `buffer`.
    public func encodeJSON(into buffer: inout [UInt8]) {
        switch self {
        case .null:
            buffer.append(contentsOf: JSONBytes.null)
        case .bool(let value):
            buffer.append(contentsOf: value ? JSONBytes.true : JSONBytes.false)
        case .int(let value):
            JSONValue.appendInteger(value, to: &buffer)
        case .double(let value):
            JSONValue.appendDouble(value, to: &buffer)
        case .number(let text):
            buffer.append(contentsOf: text.utf8)
        case .string(let value):
            JSONValue.appendString(value, to: &buffer)
        case .array(let elements):
            buffer.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                element.encodeJSON(into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .object(let object):
            object.encodeJSON(into: &buffer)
        }
    }

    /// The value's compact JSON text.
    public var jsonText: String {
        var buffer: [UInt8] = []
        encodeJSON(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Appends a decimal integer without going through `String`.
    package static func appendInteger(_ value: Int64, to buffer: inout [UInt8]) {
        if value >= 0 && value < 10 {
            buffer.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value))
            return
        }
        // The magnitude as unsigned, so Int64.min does not overflow.
        var magnitude = value.magnitude
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            while magnitude > 0 {
                digits[19 - count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
                count += 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[(20 - count)...]))
        }
    }

    /// Appends a double in Swift's shortest round-trip form, which is valid JSON (`1.0`, `1e-05`, `5e+20`);
    /// JSON has no NaN or infinity, so those become `null`.
    package static func appendDouble(_ value: Double, to buffer: inout [UInt8]) {
        guard value.isFinite else {
            buffer.append(contentsOf: JSONBytes.null)
            return
        }
        buffer.append(contentsOf: value.description.utf8)
    }

    /// Appends a quoted, escaped string.
    static func appendString(_ value: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        var string = value
        string.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                }
                appendEscape(byte, to: &buffer)
                runStart = index + 1
            }
            if runStart < bytes.count {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(_ byte: UInt8, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
        case 0x0A: buffer.append(UInt8(ascii: "n"))
        case 0x0D: buffer.append(UInt8(ascii: "r"))
        case 0x09: buffer.append(UInt8(ascii: "t"))
        case 0x08: buffer.append(UInt8(ascii: "b"))
        case 0x0C: buffer.append(UInt8(ascii: "f"))
        default:
            buffer.append(contentsOf: [
                UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), JSONBytes.hexDigits[Int(byte >> 4)],
                JSONBytes.hexDigits[Int(byte & 0x0F)],
            ])
        }
    }
}

extension JSONObject {
    /// Appends the object's compact JSON text to `buffer`, keys in order.
    public func encodeJSON(into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "{"))
        var first = true
        for member in members {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            JSONValue.appendString(member.key, to: &buffer)
            buffer.append(UInt8(ascii: ":"))
            member.value.encodeJSON(into: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
    }

    /// The object's compact JSON text.
    public var jsonText: String {
        var buffer: [UInt8] = []
        encodeJSON(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}

/// Byte constants of the encoder.
private enum JSONBytes {
    static let null: [UInt8] = Array("null".utf8)
    static let `true`: [UInt8] = Array("true".utf8)
    static let `false`: [UInt8] = Array("false".utf8)
    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

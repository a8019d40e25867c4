/// A strict, allocation-lean JSON parser from bytes to `JSONValue`, for the hot path of extraction.
///
/// Objects keep their key order, and a key that appears twice keeps its first position and its last value (as
/// most parsers do), so no writer ever sees two columns of one name. Integers that fit 64 bits become `.int`
/// (Graph ids never go through a `Double`); other numbers become `.double` when a `Double` gives back exactly
/// the digits sent, and `.number` with the literal text otherwise. Strictness follows RFC 8259: trailing data,
/// truncated input, bad escapes, control characters in strings and malformed numbers are errors that carry the
/// byte offset. Text is repaired rather than refused: invalid UTF-8 and lone surrogates in `\u` escapes become
/// U+FFFD, because one odd caption must not fail a whole page.
public struct JSONParser {
    /// Nesting deeper than this is refused, so a hostile body cannot exhaust the stack.
    public static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    /// Reused for strings with escapes, so that only the final `String` allocates.
    private var scratch: [UInt8] = []

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Parses one JSON document.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            parseDocument(buffer)
        }
        return try result.get()
    }

    /// Parses one JSON document from raw memory.
    public static func parse(_ buffer: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        try parseDocument(buffer.bindMemory(to: UInt8.self)).get()
    }

    private static func parseDocument(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONParseError> {
        var parser = JSONParser(bytes: buffer)
        do throws(JSONParseError) {
            parser.skipWhitespace()
            let value = try parser.parseValue()
            parser.skipWhitespace()
            guard parser.index == buffer.count else {
                throw JSONParseError(code: .trailingData, offset: parser.index)
            }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    // MARK: Values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw JSONParseError(code: .unexpectedEnd, offset: index) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw JSONParseError(code: .unexpectedByte, offset: index)
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        index += 1
        var object = JSONObject()
        var keyIndex: [String: Int] = [:]
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(object)
        }
        while true {
            guard try peek() == UInt8(ascii: "\"") else {
                throw JSONParseError(code: .unexpectedByte, offset: index)
            }
            let key = try parseString()
            skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else {
                throw JSONParseError(code: .unexpectedByte, offset: index)
            }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            object.appendKeepingLast(key, value, index: &keyIndex)
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return .object(object)
            default:
                throw JSONParseError(code: .unexpectedByte, offset: index)
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        index += 1
        var array: [JSONValue] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(array)
        }
        while true {
            array.append(try parseValue())
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(array)
            default:
                throw JSONParseError(code: .unexpectedByte, offset: index)
            }
        }
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw JSONParseError(code: .tooDeep, offset: index) }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        for offset in 0..<count {
            guard index + offset < bytes.count else {
                throw JSONParseError(code: .unexpectedEnd, offset: index + offset)
            }
            guard bytes[index + offset] == start[offset] else {
                throw JSONParseError(code: .unexpectedByte, offset: index + offset)
            }
        }
        index += count
    }

    // MARK: Strings

    /// Parses a string starting at its opening quote. Runs without escapes are copied straight from the
    /// input; `String(decoding:as:)` validates them and repairs invalid UTF-8 with U+FFFD.
    private mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") {
                return try parseEscapedString(from: start)
            }
            if byte < 0x20 {
                throw JSONParseError(code: .controlCharacterInString, offset: index)
            }
            index += 1
        }
        throw JSONParseError(code: .unexpectedEnd, offset: index)
    }

    /// Continues a string that contains escapes, building its UTF-8 in `scratch`; `index` is at the first
    /// backslash and `start` is the first byte after the opening quote.
    private mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape()
            case 0..<0x20:
                throw JSONParseError(code: .controlCharacterInString, offset: index)
            default:
                // Copy the whole run up to the next quote, backslash or control byte at once: appending byte by
                // byte cost a uniqueness and capacity check each, and Graph escapes every `/` and non-ASCII
                // character, so most strings with a URL or an emoji take this path.
                let run = index
                index += 1
                while index < bytes.count {
                    let next = bytes[index]
                    if next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") || next < 0x20 { break }
                    index += 1
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
            }
        }
        throw JSONParseError(code: .unexpectedEnd, offset: index)
    }

    private mutating func parseEscape() throws(JSONParseError) {
        let escapeOffset = index
        index += 1
        guard index < bytes.count else { throw JSONParseError(code: .unexpectedEnd, offset: index) }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"): try parseUnicodeEscape()
        default: throw JSONParseError(code: .invalidEscape, offset: escapeOffset)
        }
    }

    /// Decodes the hex digits after `\u`, pairing a high surrogate with a following `\u` low surrogate.
    private mutating func parseUnicodeEscape() throws(JSONParseError) {
        let unit = try parseHex4()
        var scalar: Unicode.Scalar?
        switch unit {
        case 0xD800...0xDBFF:
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                let save = index
                index += 2
                let low = try parseHex4()
                if (0xDC00...0xDFFF).contains(low) {
                    scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                } else {
                    // Not a pair: the high surrogate alone is replaced and the next escape is read on its own.
                    index = save
                }
            }
        case 0xDC00...0xDFFF:
            scalar = nil
        default:
            scalar = Unicode.Scalar(unit)
        }
        for unit in UTF8.encode(scalar ?? "\u{FFFD}")! {
            scratch.append(unit)
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw JSONParseError(code: .unexpectedEnd, offset: index) }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
            default: throw JSONParseError(code: .invalidEscape, offset: index)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }

        // Integer part: "0" alone, or a non-zero digit followed by digits.
        guard index < bytes.count else { throw JSONParseError(code: .unexpectedEnd, offset: index) }
        var magnitude: UInt64 = 0
        var overflow = false
        var significantDigits = 0
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if isDigit(bytes[index]) {
            while index < bytes.count, isDigit(bytes[index]) {
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[index] &- UInt8(ascii: "0")))
                overflow = overflow || o1 || o2
                magnitude = sum
                significantDigits += 1
                index += 1
            }
        } else {
            throw JSONParseError(code: .invalidNumber, offset: index)
        }

        var isInteger = true
        var fractionDigits = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            let fractionStart = index
            while index < bytes.count, isDigit(bytes[index]) {
                if !overflow, significantDigits < 19 {
                    magnitude = magnitude * 10 + UInt64(bytes[index] &- UInt8(ascii: "0"))
                    significantDigits += 1
                    fractionDigits += 1
                } else {
                    overflow = true
                }
                index += 1
            }
            guard index > fractionStart else { throw numberError() }
        }
        var exponent = 0
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            while index < bytes.count, isDigit(bytes[index]) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[index] &- UInt8(ascii: "0")) }
                index += 1
            }
            guard index > exponentStart else { throw numberError() }
            if exponentNegative { exponent = -exponent }
        }

        if isInteger, !overflow {
            if negative, magnitude <= UInt64(Int64.max) + 1 {
                return .int(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude))
            }
            if !negative, magnitude <= UInt64(Int64.max) {
                return .int(Int64(magnitude))
            }
        }
        // Clinger's fast path: a mantissa below 2^53 and a power of ten that is itself exact give a correctly
        // rounded result with one multiplication or division.
        let scale = exponent - fractionDigits
        let literal = UnsafeBufferPointer(rebasing: bytes[start..<index])
        if !overflow, magnitude < 1 << 53, (-22...22).contains(scale) {
            var value = Double(magnitude)
            value = scale < 0 ? value / Self.powersOfTen[-scale] : value * Self.powersOfTen[scale]
            value = negative ? -value : value
            // Up to 15 significant digits always survive a `Double`; beyond that two literals can share one.
            if significantDigits <= 15 || DecimalForm(value) == DecimalForm(literal) {
                return .double(value)
            }
            return .number(String(decoding: literal, as: UTF8.self))
        }
        let text = String(decoding: literal, as: UTF8.self)
        guard let value = Double(text) else { throw JSONParseError(code: .invalidNumber, offset: start) }
        return DecimalForm(value) == DecimalForm(literal) ? .double(value) : .number(text)
    }

    private func numberError() -> JSONParseError {
        JSONParseError(code: index < bytes.count ? .invalidNumber : .unexpectedEnd, offset: index)
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    // MARK: Bytes

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    @inline(__always)
    private func peek() throws(JSONParseError) -> UInt8 {
        guard index < bytes.count else { throw JSONParseError(code: .unexpectedEnd, offset: index) }
        return bytes[index]
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return
            }
        }
    }
}

/// A JSON document that `JSONParser` refused, with the byte offset where it went wrong.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// The input ended inside a value: a truncated body.
        case unexpectedEnd = "unexpected end of input"
        /// A byte that cannot start or continue a value here.
        case unexpectedByte = "unexpected byte"
        /// A backslash escape that JSON does not define, or a `\u` with non-hex digits.
        case invalidEscape = "invalid escape"
        /// An unescaped control character (below U+0020) inside a string.
        case controlCharacterInString = "control character in string"
        /// A number that does not follow JSON's grammar.
        case invalidNumber = "invalid number"
        /// Non-whitespace bytes after the document.
        case trailingData = "trailing data after the document"
        /// Arrays and objects nested deeper than `JSONParser.maximumDepth`.
        case tooDeep = "nesting too deep"
    }

    /// What went wrong.
    public var code: Code
    /// The offset of the offending byte from the start of the input.
    public var offset: Int

    /// Creates an error.
    public init(code: Code, offset: Int) {
        self.code = code
        self.offset = offset
    }

    public var description: String { "invalid JSON: \(code.rawValue) at byte \(offset)" }
}

/// Finds `#hashtags` and `@mentions` in captions, for the `hashtags` and `mentions` steps and RSS categories.
///
/// Rules, chosen to match what Instagram links:
/// - A hashtag is `#` (or the full-width `＃`) followed by letters, marks, digits, `_`, ZWJ or ZWNJ in any
///   script (`#café`, `#日本`, `#नमस्ते`); it ends at whitespace, punctuation, symbols and emoji. A tag of digits
///   only (`#1`) is not one, and a `#` glued to a preceding word (`C#`) starts none; `#one#two` gives both.
/// - A mention is `@` (or `＠`) followed by an Instagram username: ASCII letters, digits, `_` and `.`, without
///   a trailing `.` (the end of a sentence). An `@` inside a word (`me@example.com`) starts none.
/// - Results are returned without the sign, in order of first appearance, keeping their case, and deduplicated
///   case-insensitively (Instagram treats `#Travel` and `#travel` as the same tag): the first spelling wins.
public enum TagExtractor {
    /// The hashtags of `text`.
    public static func hashtags(in text: String) -> [String] {
        extract(
            from: text,
            sign: UInt8(ascii: "#"),
            fullWidthLastByte: 0x83,
            isBody: isHashtagCharacter,
            trimsDots: false
        )
    }

    /// The mentioned usernames of `text`.
    public static func mentions(in text: String) -> [String] {
        extract(
            from: text,
            sign: UInt8(ascii: "@"),
            fullWidthLastByte: 0xA0,
            isBody: isUsernameCharacter,
            trimsDots: true
        )
    }

    /// Scans the UTF-8 bytes for the sign (or its full-width form, `EF BC xx`) and decodes scalars only around
    /// the signs found: captions run to 2,200 characters and this runs on every record.
    private static func extract(
        from text: String,
        sign: UInt8,
        fullWidthLastByte: UInt8,
        isBody: (Unicode.Scalar) -> Bool,
        trimsDots: Bool
    ) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var results: [String] = []
            var seen: Set<String> = []
            var index = 0
            // Where the last tag ended: a sign right there starts the next tag (`#one#two`).
            var tagEnd = -1
            while index < bytes.count {
                let signLength: Int
                if bytes[index] == sign {
                    signLength = 1
                } else if bytes[index] == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBC,
                    bytes[index + 2] == fullWidthLastByte
                {
                    signLength = 3
                } else {
                    index += 1
                    continue
                }
                let glued = index > 0 && index != tagEnd && isHashtagCharacter(scalar(before: index, in: bytes))
                let bodyStart = index + signLength
                var end = bodyStart
                while end < bytes.count {
                    let (scalar, length) = decode(at: end, in: bytes)
                    guard isBody(scalar) else { break }
                    end += length
                }
                index = bodyStart
                guard !glued else { continue }
                index = end
                if trimsDots {
                    while end > bodyStart, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
                }
                guard end > bodyStart else { continue }
                tagEnd = index
                let body = UnsafeBufferPointer(rebasing: bytes[bodyStart..<end])
                guard !body.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { continue }
                let tag = String(decoding: body, as: UTF8.self)
                if seen.insert(tag.lowercased()).inserted {
                    results.append(tag)
                }
            }
            return results
        }
    }

    /// Decodes the scalar whose encoding starts at `index` of valid UTF-8.
    private static func decode(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard length > 1, index + length <= bytes.count else { return (Unicode.Scalar(lead), 1) }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Decodes the scalar that ends just before `index` of valid UTF-8.
    private static func scalar(before index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return decode(at: start, in: bytes).0
    }

    static func isHashtagCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
                || value == 0x5F
        }
        if scalar == "\u{200C}" || scalar == "\u{200D}" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
            .spacingMark, .enclosingMark, .decimalNumber, .letterNumber:
            return true
        default:
            return false
        }
    }

    static func isUsernameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        let value = scalar.value
        return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
            || value == 0x5F || value == 0x2E
    }
}

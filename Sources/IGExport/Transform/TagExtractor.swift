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
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "#") || $0 == 0xEF }) else { return [] }
        return extract(from: text, signs: ["#", "＃"], isBodyCharacter: isHashtagCharacter, trimsDots: false)
    }

    /// The mentioned usernames of `text`.
    public static func mentions(in text: String) -> [String] {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "@") || $0 == 0xEF }) else { return [] }
        return extract(from: text, signs: ["@", "＠"], isBodyCharacter: isUsernameCharacter, trimsDots: true)
    }

    private static func extract(
        from text: String,
        signs: [Unicode.Scalar],
        isBodyCharacter: (Unicode.Scalar) -> Bool,
        trimsDots: Bool
    ) -> [String] {
        var results: [String] = []
        var seen: Set<String> = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var previous: Unicode.Scalar?
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let startsTag = signs.contains(scalar) && !(previous.map(isWordCharacter) ?? false)
            previous = scalar
            index = scalars.index(after: index)
            guard startsTag else { continue }
            let bodyStart = index
            while index < scalars.endIndex, isBodyCharacter(scalars[index]) {
                index = scalars.index(after: index)
            }
            var body = Substring(scalars[bodyStart..<index])
            if trimsDots {
                while body.last == "." { body = body.dropLast() }
            }
            // A tag that ends at another sign (`#one#two`) lets that sign start the next tag.
            previous = body.isEmpty ? scalar : nil
            guard !body.isEmpty, !body.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else { continue }
            let tag = String(body)
            if seen.insert(tag.lowercased()).inserted {
                results.append(tag)
            }
        }
        return results
    }

    /// Whether a sign right after `scalar` is glued to a word, and so starts no tag.
    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isHashtagCharacter(scalar)
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

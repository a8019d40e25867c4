/// Text rules shared by the feed writers, so that no caption draws a warning from the W3C feed validator.
enum FeedText {
    /// `text` without the characters feed validators and HTML parsers reject: C0 controls other than tab,
    /// newline and carriage return, DEL and the C1 controls ("BadCharacters"), U+FFFD (a sign of mangled
    /// text, also "BadCharacters"), and Unicode noncharacters (an "Invalid HTML" parse error). libxml2 drops
    /// only part of these, and JSON would keep them all, so the three feeds carry the same text.
    static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isRejected) else { return text }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: text.unicodeScalars.lazy.filter { !isRejected($0) })
        return String(result)
    }

    private static func isRejected(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F, 0xFFFD, 0xFDD0...0xFDEF: true
        default: scalar.value & 0xFFFE == 0xFFFE
        }
    }

    /// `text` as HTML character data or attribute value. The replacements are ASCII, so the UTF-8 bytes are
    /// rewritten one by one rather than the text split into scalars.
    static func escapeHTML(_ text: String) -> String {
        guard text.utf8.contains(where: isHTMLSpecial) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isHTMLSpecial(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    /// A caption as one HTML paragraph, its line breaks kept as `<br/>`.
    static func paragraph(_ caption: String) -> String {
        // Most captions are one line: skip splitting them into characters, which costs more than the rest.
        guard hasNewline(caption) else { return "<p>" + escapeHTML(caption) + "</p>" }
        let lines = caption.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        return "<p>" + lines.map { escapeHTML(String($0)) }.joined(separator: "<br/>") + "</p>"
    }

    /// `text` with everything that looks like an HTML tag (`<b>`, `</script>`, `<item>`) removed and runs of
    /// whitespace made one space: a title is plain text, and the validator warns "title should not contain
    /// HTML" when one holds an end tag, whatever its escaping.
    static func withoutTags(_ text: String) -> String {
        withoutTags(text, atLeast: Int.max)
    }

    /// `withoutTags(text)`, or a prefix of it that stops once it holds more than `characters + 1` grapheme
    /// clusters: its first `characters + 1` clusters are then those of the whole result (only a prefix's last
    /// cluster can grow with what follows), which is all a title cut to `characters` needs. A 2,200-character
    /// caption then costs its first line's first hundred characters, not all of them.
    static func withoutTags(_ text: String, atLeast characters: Int) -> String {
        guard text.utf8.contains(UInt8(ascii: "<")) else { return collapsingWhitespace(text, atLeast: characters) }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            let name = after.first == "/" ? after.dropFirst() : after
            if let first = name.first, first.isASCII, first.isLetter, let close = after.firstIndex(of: ">") {
                result += " "
                rest = after[after.index(after: close)...]
            } else {
                result += "<"
                rest = after
            }
        }
        result += rest
        return collapsingWhitespace(result, atLeast: characters)
    }

    /// `text.split(whereSeparator: \.isWhitespace).joined(separator: " ")` in one pass, without the arrays.
    static func collapsingWhitespace(_ text: String) -> String {
        collapsingWhitespace(text, atLeast: Int.max)
    }

    /// `collapsingWhitespace(text)`, or a prefix of it holding more than `characters + 1` grapheme clusters
    /// (see `withoutTags(_:atLeast:)`). The appended characters are counted as they go; the result's own
    /// count, which can be lower (a space put before a combining mark joins it), is checked only then.
    static func collapsingWhitespace(_ text: String, atLeast characters: Int) -> String {
        var result = ""
        result.reserveCapacity(characters == Int.max ? text.utf8.count : min(text.utf8.count, 4 * characters))
        var space = false
        var appended = 0
        var checkAt = characters == Int.max ? Int.max : characters + 2
        for character in text {
            if isWhitespace(character) {
                space = !result.isEmpty
            } else {
                if space {
                    result.append(" ")
                    appended += 1
                }
                space = false
                result.append(character)
                appended += 1
                if appended >= checkAt {
                    if result.count >= characters + 2 { return result }
                    checkAt = appended + characters + 2
                }
            }
        }
        return result
    }

    /// `character.isWhitespace`, answered for ASCII without the Unicode property table, which took a tenth of
    /// the feed writers' time.
    static func isWhitespace(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return character.isWhitespace }
        return ascii == 0x20 || (0x09...0x0D).contains(ascii)
    }

    /// Whether `text` holds a character that `Character.isNewline` accepts (LF, VT, FF, CR, NEL, U+2028 or
    /// U+2029), found in its UTF-8 bytes rather than by splitting it into characters.
    static func hasNewline(_ text: String) -> Bool {
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            if (0x0A...0x0D).contains(byte) || (previous == 0xC2 && byte == 0x85)
                || (beforePrevious == 0xE2 && previous == 0x80 && (byte == 0xA8 || byte == 0xA9))
            {
                return true
            }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    /// `text` as XML character data with `&`, `<` and `>` written as hexadecimal character references, as
    /// the RSS Best Practices Profile asks of plain-text elements: the W3C validator then reads a remaining
    /// `&amp;` or `<3` as text rather than as undeclared HTML. The caller has sanitised `text`.
    static func xmlCharacterData(_ text: String) -> String {
        guard text.utf8.contains(where: { [0x26, 0x3C, 0x3E].contains($0) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&#x26;"
            case "<": result += "&#x3C;"
            case ">": result += "&#x3E;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

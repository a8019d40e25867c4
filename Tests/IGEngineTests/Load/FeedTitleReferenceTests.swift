import TestSupport
import Testing

@testable import IGEngine

/// Holds the feed title to the way it was built before titles stopped early: every line split into
/// characters, tags removed from the whole line, whitespace collapsed by splitting and joining, then cut to a
/// hundred grapheme clusters. Captions are hostile, ordinary and generated around the cut.
@Suite struct FeedTitleReferenceTests {
    /// A small deterministic generator (SplitMix64), so a failing caption can be reproduced.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    static let pieces = [
        "a", "Z", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2003}", "\u{3000}",
        "\u{2028}", "\u{1680}", "\u{301}", "\u{200D}", "\u{FE0F}", "e\u{301}", "😀", "👨‍👩‍👧‍👦", "🇯🇵", "🇫", "\u{1F3FD}",
        "\u{600}", "क्ष", "<", ">", "<b>", "</i>", "<3", "< x", "&", "\"", "'", "#tag", "@who", "\u{7}", "\u{7F}",
        "مرحبا", "日本", "word", "longer words here",
    ]

    /// The title as `FeedItemBuilder.title(caption:)` built it before it stopped early.
    static func referenceTitle(_ caption: String) -> String? {
        for line in caption.split(whereSeparator: \.isNewline) {
            let text = referenceWithoutTags(String(line))
            if !text.isEmpty { return Truncation(field: "title", maxLength: 100).apply(to: text) }
        }
        return nil
    }

    static func referenceWithoutTags(_ text: String) -> String {
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
        return result.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func hostileAndOrdinaryCaptionsKeepTheirTitles() {
        var captions = HostileRecords.captions.compactMap(\.caption)
        captions += [
            String(repeating: "\t\u{301}", count: 300), String(repeating: " \u{301}x", count: 120),
            String(repeating: "x", count: 99) + " \u{301}\u{301}" + String(repeating: "y", count: 50),
            String(repeating: "x", count: 101) + "\u{301}", String(repeating: "🇯", count: 205),
            String(repeating: "<b>x</b> ", count: 60), String(repeating: "\u{600} a", count: 80),
        ]
        for caption in captions {
            #expect(
                FeedItemBuilder.title(caption: caption) == Self.referenceTitle(caption),
                "\(caption.debugDescription)"
            )
        }
    }

    @Test func generatedCaptionsAroundTheCutKeepTheirTitles() {
        var generator = SplitMix(state: 19)
        for _ in 0..<3000 {
            var caption = ""
            for _ in 0..<Int.random(in: 0...260, using: &generator) {
                caption += Self.pieces.randomElement(using: &generator)!
            }
            #expect(
                FeedItemBuilder.title(caption: caption) == Self.referenceTitle(caption),
                "\(caption.debugDescription)"
            )
        }
    }
}

extension FeedTitleReferenceTests {
    /// `escapeHTML` as it was before it rewrote bytes: scalar by scalar.
    static func referenceEscapeHTML(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    @Test func generatedCaptionsKeepTheirEscapedHTML() {
        var generator = SplitMix(state: 16)
        for _ in 0..<2000 {
            var caption = ""
            for _ in 0..<Int.random(in: 0...80, using: &generator) {
                caption += Self.pieces.randomElement(using: &generator)!
            }
            #expect(FeedText.escapeHTML(caption) == Self.referenceEscapeHTML(caption), "\(caption.debugDescription)")
            #expect(Array(FeedText.escapeHTML(caption).utf8) == Array(Self.referenceEscapeHTML(caption).utf8))
        }
    }
}

import Testing

@testable import IGEngine

@Suite struct FeedTextTests {
    @Test func sanitizeDropsWhatValidatorsRejectAndKeepsTheRest() {
        let text =
            "a\u{7}b\u{85}c\u{FFFD}d\t\n\r😀" + String(Unicode.Scalar(0xFDD0)!) + String(Unicode.Scalar(0x10FFFF)!)
        #expect(FeedText.sanitize(text) == "abcd\t\n\r😀")
    }

    @Test func withoutTagsRemovesTagsButKeepsOtherAngleBrackets() {
        #expect(FeedText.withoutTags("<b>bold</b> &  <3 a < b and 1 > 0 <") == "bold & <3 a < b and 1 > 0 <")
        #expect(FeedText.withoutTags("<script>alert(1)</script>") == "alert(1)")
    }

    /// The one-pass paths agree with splitting into characters, whitespace and line breaks of every kind
    /// included (the feeds must not change bytes when the code gets faster).
    @Test func fastPathsAgreeWithSplittingIntoCharacters() {
        let texts = [
            "", "   ", " a  b\tc\u{0B}d\u{0C}e\u{85}f\u{A0}g\u{2003}h\u{3000}i ", "a\r\nb\n\nc\u{2028}d\u{2029}e",
            " \u{301}accent after a space", "é\u{200D}👩‍👩‍👧 🇯🇵 x", "مرحبا  بالعالم — שלום\u{1680}עולם", "no newline at all",
            String(repeating: "long caption 😀 #tag ", count: 120),
        ]
        for text in texts {
            #expect(
                FeedText.collapsingWhitespace(text) == text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            )
            #expect(FeedText.hasNewline(text) == text.contains(where: \.isNewline), "\(text.debugDescription)")
            let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            #expect(
                FeedText.paragraph(text) == "<p>"
                    + lines.map { FeedText.escapeHTML(String($0)) }.joined(separator: "<br/>") + "</p>"
            )
            let title = text.split(whereSeparator: \.isNewline).lazy.map { FeedText.withoutTags(String($0)) }.first {
                !$0.isEmpty
            }
            #expect(
                FeedItemBuilder.title(caption: text)
                    == title.map { Truncation(field: "title", maxLength: 100).apply(to: $0) }
            )
        }
    }

    @Test func plainTextUsesHexadecimalReferences() {
        #expect(FeedText.xmlCharacterData("a & <b> c") == "a &#x26; &#x3C;b&#x3E; c")
    }

    @Test func paragraphsEscapeTheCaptionAndKeepLineBreaks() {
        #expect(FeedText.paragraph("a<b>\nc & 'd'") == "<p>a&lt;b&gt;<br/>c &amp; &#39;d&#39;</p>")
    }

    @Test func tagURIsPercentEncodeWhatRFC4151Forbids() {
        #expect(
            TagURI.make(authority: "instagram.com,2010", specific: "media/12 3é")
                == "tag:instagram.com,2010:media/12%203%C3%A9"
        )
        #expect(TagURI.isValidAuthority("me@example.com,2025-01-31"))
    }

    @Test func titlesAreTheFirstLineWithTextCutAtAHundredGraphemes() {
        #expect(FeedItemBuilder.title(caption: "<br>\n\n  Second line  \nthird") == "Second line")
        let long = String(repeating: "👨‍👩‍👧‍👦", count: 150)
        #expect(FeedItemBuilder.title(caption: long)?.count == 100)
        #expect(FeedItemBuilder.title(caption: " \n<p></p>") == nil)
    }
}

import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport
import Testing

/// One test per warning the W3C feed validator gave on hostile captions, with the rule it applies.
@Suite struct FeedValidatorWarningTests {
    static let xmlFormats: [SinkConfig.Format] = [.rss, .atom]

    /// Captions that drew warnings, and characters validators reject.
    static let captions = [
        "<b>bold</b> & <script>alert(1)</script> ]]> <item>",
        "Tom &amp; Jerry &#169; <3 </p>",
        // Swift literals refuse noncharacters, so they are made from their scalar values.
        "C1 \u{85}control, replacement \u{FFFD}, nonchar "
            + [0xFDD0, 0x1FFFE].map { String(Unicode.Scalar($0)!) }
            .joined(separator: " and "),
        "",
    ]

    func pages() -> [Page] {
        let records = HostileRecords.transformedMedia(count: FeedValidatorWarningTests.captions.count).enumerated()
            .map { index, record in
                var record = record
                record.filterKeys { $0 != "caption" && $0 != "hashtags" }
                record.append("caption", .string(FeedValidatorWarningTests.captions[index]))
                return record
            }
        return [mediaPage(records)]
    }

    /// "title should not contain HTML": the validator warns when a title holds an HTML end tag, however it is
    /// escaped, or an entity reference on a line without hexadecimal character references.
    @Test(arguments: xmlFormats)
    func titlesContainNoHTML(format: SinkConfig.Format) throws {
        let bytes = try feedBytes(format, pages: pages())
        let titles = Array((try XMLProbe.parse(bytes).texts["title"] ?? []).dropFirst())
        #expect(titles.first == "bold & alert(1) ]]>")
        #expect(titles.dropFirst().first == "Tom &amp; Jerry &#169; <3")
        for title in titles {
            #expect(title.range(of: #"</\w+>"#, options: .regularExpression) == nil, "\(title)")
        }
        let output = String(decoding: bytes, as: UTF8.self)
        #expect(output.contains(">Tom &#x26;amp; Jerry &#x26;#169; &#x3C;3</title>"))
    }

    /// "Invalid HTML" (and "potentially dangerous content"): descriptions and content are HTML in which the
    /// caption is text, with no character an HTML parser rejects.
    @Test(arguments: SinkConfig.Format.allCases.filter(\.isFeed))
    func captionsAreEscapedTextInValidHTML(format: SinkConfig.Format) throws {
        let bytes = try feedBytes(format, pages: pages())
        let html: [String]
        if format == .jsonfeed {
            let items = try JSONParser.parse(bytes).objectValue?["items"]?.arrayValue ?? []
            html = items.compactMap { $0.objectValue?["content_html"]?.stringValue }
        } else {
            let texts = try XMLProbe.parse(bytes).texts
            html =
                (texts["description"] ?? []).dropFirst() + (texts["content:encoded"] ?? []) + (texts["summary"] ?? [])
                + (texts["content"] ?? [])
        }
        #expect(html.count >= FeedValidatorWarningTests.captions.count)
        let escaped = "<p>&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &lt;item&gt;</p>"
        #expect(html.contains { $0.hasPrefix(escaped) })
        for fragment in html {
            #expect(!fragment.contains("<script") && !fragment.contains("<item") && !fragment.contains("<b>"))
            let rejected = fragment.unicodeScalars.filter {
                (0x80...0x9F).contains($0.value) || $0.value == 0xFFFD || (0xFDD0...0xFDEF).contains($0.value)
                    || $0.value & 0xFFFE == 0xFFFE
            }
            #expect(rejected.isEmpty, "\(fragment)")
        }
    }

    /// "Ensure description precedes content:encoded": every RSS item has a description, even without a caption,
    /// and it comes first.
    @Test func everyDescriptionPrecedesContentEncoded() throws {
        let probe = try XMLProbe.parse(try feedBytes(.rss, pages: pages()))
        var items = 0
        var description: Int?
        for (index, element) in probe.elements.enumerated() {
            switch element {
            case "item":
                items += 1
                description = nil
            case "description" where items > 0:
                description = index
            case "content:encoded":
                #expect(description != nil, "item \(items) has content:encoded without a description before it")
            default:
                break
            }
        }
        #expect(items == FeedValidatorWarningTests.captions.count)
        #expect(probe.count("description") == items + 1)
    }
}

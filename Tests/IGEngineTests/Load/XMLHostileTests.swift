import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport
import Testing

@Suite struct XMLHostileTests {
    let context = SinkContext(pipeline: "demo", runID: "r1", date: "2025-03-01")

    private func xml(_ records: [Record]) throws -> (String, XMLProbe) {
        try withTemporaryFolder { folder in
            try run(
                makeSink(sinkConfig(.xml, folder + "/out.xml"), context: context),
                [Page(stream: .media, account: "me", records: records)]
            )
            let bytes = contents(folder + "/out.xml")
            return (String(decoding: bytes, as: UTF8.self), try XMLProbe.parse(bytes))
        }
    }

    @Test func dropsOnlyTheNULAndKeepsTheTextAfterIt() throws {
        let (_, probe) = try xml([["id": "1", "caption": "before\u{0}after \u{1}end", "n\u{0}ame": "x"]])
        #expect(probe.texts["caption"] == ["beforeafter end"])
        #expect(probe.attributes.compactMap { $0["name"] } == ["name"])
    }

    @Test func keepsTheFeedsClosingTagsWhenACaptionHoldsNUL() throws {
        try withTemporaryFolder { folder in
            let config = sinkConfig(.rss, folder + "/feed.xml", streams: [.media])
            let record: Record = [
                "id": "1", "caption": "first\u{0} second", "timestamp": "2025-03-01T12:00:00+0000",
                "media_type": "IMAGE", "media_url": "https://cdn.example.com/1.jpg",
            ]
            try run(
                FeedSink(config: config, context: context, now: fixedNow),
                [Page(stream: .media, account: "me", records: [record])]
            )
            let probe = try XMLProbe.parse(contents(folder + "/feed.xml"))
            #expect(probe.texts["description"]?.contains { $0.contains("first second") } == true)
            #expect(probe.texts["content:encoded"]?.first?.contains("first second") == true)
        }
    }

    @Test func writesValuesDeeperThanTheLimitAsJSONText() throws {
        var deep: JSONValue = "bottom"
        for _ in 0..<500 { deep = ["a": deep] }
        let (_, probe) = try xml([["id": "1", "nested": deep]])
        #expect(probe.maximumDepth == XMLSink.maximumDepth)
        let tail = try #require(probe.texts["a"]?.first)
        #expect(tail.hasPrefix(#"{"a":{"a":"#))
        #expect(tail.contains(#"{"a":"bottom"}"#))
        #expect(try JSONParser.parse(Array(tail.utf8)).objectValue != nil)
    }

    @Test func writesTheLiteralDigitsOfBigNumbers() throws {
        let (output, _) = try xml([["id": "1", "big": .number("123456789012345678901234567890")]])
        #expect(output.contains("<big>123456789012345678901234567890</big>"))
    }
}

import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport
import Testing

@Suite struct RSSFeedTests {
    let context = SinkContext(pipeline: "demo", runID: "r1", date: "2025-03-01")

    func feed(maxItems: Int = 50, selfLink: String? = nil, pages: [Page] = hostilePages()) throws -> (String, XMLProbe)
    {
        try withTemporaryFolder { folder in
            var config = sinkConfig(.rss, folder + "/feed.xml", streams: [.media])
            config.feed.maxItems = maxItems
            config.feed.selfLink = selfLink
            try run(FeedSink(config: config, context: context, now: fixedNow), pages)
            let bytes = contents(folder + "/feed.xml")
            return (String(decoding: bytes, as: UTF8.self), try XMLProbe.parse(bytes))
        }
    }

    @Test func writesAWellFormedFeedWithTheChannelFromTheProfile() throws {
        let (output, probe) = try feed()
        #expect(output.contains(#"xmlns:media="http://search.yahoo.com/mrss/""#))
        #expect(output.contains(#"xmlns:content="http://purl.org/rss/1.0/modules/content/""#))
        #expect(probe.texts["title"]?.first == "Hostile & \"Co\" (@hostile.user)")
        #expect(probe.texts["link"]?.first == "https://www.instagram.com/hostile.user/")
        #expect(probe.texts["lastBuildDate"] == ["Sat, 01 Mar 2025 12:34:56 +0000"])
        #expect(probe.texts["ttl"] == ["60"])
        #expect(probe.texts["url"] == ["https://cdn.example.com/p.jpg"])
        #expect(probe.count("item") == HostileRecords.captions.count)
        #expect(!output.contains("media:group"))
        #expect(!output.contains("atom:link"))
    }

    @Test func writesTheSelfLinkWhenConfigured() throws {
        let (output, _) = try feed(selfLink: "https://example.com/feed.xml")
        #expect(
            output.contains(#"<atom:link href="https://example.com/feed.xml" rel="self" type="application/rss+xml">"#)
        )
    }

    @Test func keepsOnlyTheNewestItems() throws {
        let (_, probe) = try feed(maxItems: 5)
        #expect(probe.count("item") == 5)
        #expect(probe.texts["guid"]?.first == "tag:instagram.com,2010:media/17900000000000000")
        #expect(probe.texts["guid"]?.last == "tag:instagram.com,2010:media/17900000000000004")
    }

    @Test func datesItemsInRFC822() throws {
        let (_, probe) = try feed(maxItems: 1)
        #expect(probe.texts["pubDate"] == ["Fri, 28 Feb 2025 12:34:56 +0000"])
    }

    @Test func titlesItemsFromTheCaptionsFirstLineOrTheTypeAndDate() throws {
        let (_, probe) = try feed()
        let titles = probe.texts["title"] ?? []
        #expect(titles.contains("First line"))
        #expect(titles.contains("Carousel of 4, 20 Feb 2025"))
        #expect(titles.contains("Photo, 19 Feb 2025"))
        #expect(titles.contains("bell start back end"))
        let long = titles.first { $0.hasPrefix("Long caption") }
        #expect(long?.count == 100)
        #expect(long?.hasSuffix("…") == true)
    }

    @Test func givesEachImageAndChildItsOwnMediaContentAndOneEnclosure() throws {
        let record = HostileRecords.transformedMedia(count: 3)[2]
        let (output, probe) = try feed(pages: [Page(stream: .media, account: "me", records: [record])])
        #expect(probe.count("media:content") == 4)
        #expect(probe.count("enclosure") == 1)
        #expect(probe.count("media:thumbnail") == 4)
        #expect(output.contains(#"length="0""#))
        #expect(output.contains(#"medium="video" type="video/mp4""#))
        #expect(output.contains("&lt;img src="))
        #expect(output.contains("&lt;video src=&quot;https://cdn.example.com/c/2-1.mp4&quot; poster="))
    }

    @Test func keepsMediaWithAWithheldURLWithoutAnEnclosure() throws {
        let record = HostileRecords.transformedMedia(count: 2)[1]
        #expect(record["media_url"] == nil)
        let (_, probe) = try feed(pages: [Page(stream: .media, account: "me", records: [record])])
        #expect(probe.count("item") == 1)
        #expect(probe.count("enclosure") == 0)
        #expect(probe.count("media:thumbnail") == 1)
    }

    @Test func writesACategoryPerHashtag() throws {
        let (_, probe) = try feed()
        #expect((probe.texts["category"] ?? []).starts(with: ["日本", "café"]))
        #expect(probe.texts["category"]?.contains("Travel") == true)
        #expect(probe.texts["category"]?.contains("travel") == false)
    }
}

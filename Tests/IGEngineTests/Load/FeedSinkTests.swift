import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport
import Testing

@Suite struct FeedSinkTests {
    static let formats: [SinkConfig.Format] = [.rss, .atom, .jsonfeed]

    @Test func theThreeFormatsCarryTheSameIdsInTheSameOrder() throws {
        let pages = hostilePages(mediaCount: 45, pageSize: 10)
        let ids = try FeedSinkTests.formats.map { format in
            try feedIDs(format, feedBytes(format, pages: pages) { $0.maxItems = 30 })
        }
        let expected = (0..<30).map { "tag:instagram.com,2010:media/\(17_900_000_000_000_000 + $0)" }
        #expect(ids == [expected, expected, expected])
    }

    @Test(arguments: formats)
    func idsComeFromTheMediaIdEvenWithoutAPermalink(format: SinkConfig.Format) throws {
        var records = HostileRecords.transformedMedia(count: 2)
        records[1].filterKeys { $0 != "permalink" }
        let bytes = try feedBytes(format, pages: [mediaPage(records)])
        #expect(
            try feedIDs(format, bytes) == [
                "tag:instagram.com,2010:media/17900000000000000", "tag:instagram.com,2010:media/17900000000000001",
            ]
        )
        if format == .jsonfeed {
            let items = try JSONParser.parse(bytes).objectValue?["items"]?.arrayValue ?? []
            #expect(items.last?.objectValue?["url"] == "https://www.instagram.com/hostile.user/")
        }
    }

    @Test(arguments: formats)
    func permalinkIdsLeaveOutMediaWithoutAPermalink(format: SinkConfig.Format) throws {
        var records = HostileRecords.transformedMedia(count: 3)
        records[1].filterKeys { $0 != "permalink" }
        let bytes = try feedBytes(format, pages: [mediaPage(records)]) { $0.guid = .permalink }
        #expect(try feedIDs(format, bytes) == ["https://www.instagram.com/p/C0x/", "https://www.instagram.com/p/C2x/"])
        if format == .rss { #expect(String(decoding: bytes, as: UTF8.self).contains(#"isPermaLink="true""#)) }
    }

    @Test func theTagAuthorityIsConfigurable() throws {
        let bytes = try feedBytes(.atom, pages: [mediaPage(HostileRecords.transformedMedia(count: 1))]) {
            $0.tagAuthority = "example.com,2025-01-31"
        }
        #expect(try feedIDs(.atom, bytes) == ["tag:example.com,2025-01-31:media/17900000000000000"])
    }

    @Test func typeMarkersTitleMediaWithoutACaption() throws {
        var reel = HostileRecords.transformedMedia(count: 10)[9]
        reel.filterKeys { $0 != "caption" }
        reel.append("media_type", "VIDEO")
        reel.append("media_product_type", "REELS")
        let bytes = try feedBytes(.jsonfeed, pages: [mediaPage([reel])]) { $0.typeMarkers.reel = "Clip" }
        let item = try JSONParser.parse(bytes).objectValue?["items"]?.arrayValue?.first?.objectValue
        #expect(item?["title"] == "Clip, 19 Feb 2025")
    }

    @Test func archivedFilesGiveEnclosuresAndAttachmentsTheirRealSizeAndType() throws {
        var record = HostileRecords.transformedMedia(count: 1)[0]
        record.append(
            "files",
            [
                .object([
                    "kind": "media", "path": "a/1.png", "public_url": "https://example.com/a/1.png",
                    "bytes": 284_113, "content_type": "image/png",
                ])
            ]
        )
        let rss = String(decoding: try feedBytes(.rss, pages: [mediaPage([record])]), as: UTF8.self)
        #expect(rss.contains(#"<enclosure url="https://example.com/a/1.png" length="284113" type="image/png">"#))
        #expect(rss.contains(#"fileSize="284113""#))
        #expect(!rss.contains("cdn.example.com/m/0.jpg"))
        let atom = String(decoding: try feedBytes(.atom, pages: [mediaPage([record])]), as: UTF8.self)
        #expect(atom.contains(#"href="https://example.com/a/1.png" length="284113""#))
        let json = try JSONParser.parse(try feedBytes(.jsonfeed, pages: [mediaPage([record])]))
        let attachment = json.objectValue?["items"]?.arrayValue?.first?.objectValue?["attachments"]?.arrayValue?.first
        #expect(
            attachment
                == .object([
                    "url": "https://example.com/a/1.png", "mime_type": "image/png", "size_in_bytes": 284_113,
                ])
        )
    }

    @Test func withoutArchivedFilesTheCDNURLHasLengthZeroOrNoSize() throws {
        let pages = [mediaPage(HostileRecords.transformedMedia(count: 1))]
        let rss = String(decoding: try feedBytes(.rss, pages: pages), as: UTF8.self)
        #expect(rss.contains(#"url="https://cdn.example.com/m/0.jpg?a=1&amp;b=2" length="0" type="image/jpeg""#))
        #expect(!rss.contains("fileSize"))
        let json = String(decoding: try feedBytes(.jsonfeed, pages: pages), as: UTF8.self)
        #expect(json.contains(#""mime_type":"image/jpeg""#))
        #expect(!json.contains("size_in_bytes"))
    }

    @Test func everyCarouselChildIsShownInTheHTMLOfEveryFormat() throws {
        let record = HostileRecords.transformedMedia(count: 3)[2]
        for format in FeedSinkTests.formats {
            let output = String(decoding: try feedBytes(format, pages: [mediaPage([record])]), as: UTF8.self)
            for child in 0..<4 where child != 1 {
                #expect(output.contains("cdn.example.com/c/2-\(child).mp4"), "\(format) child \(child)")
            }
            #expect(output.contains("cdn.example.com/c/2-1-t.jpg"), "\(format) video poster")
        }
    }

    @Test func anAtomFeedHasItsRequiredElements() throws {
        let bytes = try feedBytes(.atom) { $0.selfLink = "https://example.com/feed.atom" }
        let output = String(decoding: bytes, as: UTF8.self)
        let probe = try XMLProbe.parse(bytes)
        #expect(output.contains(#"<feed xmlns="http://www.w3.org/2005/Atom">"#))
        #expect(
            output.contains(#"<link rel="self" type="application/atom+xml" href="https://example.com/feed.atom">"#)
        )
        #expect(probe.texts["id"]?.first == "tag:instagram.com,2010:account/17841400000000001")
        #expect(probe.texts["updated"]?.first == "2025-03-01T12:34:56Z")
        #expect(probe.texts["name"] == ["hostile.user"])
        #expect(probe.count("entry") == HostileRecords.captions.count)
        #expect(probe.count("published") == HostileRecords.captions.count)
        #expect(probe.count("content") == HostileRecords.captions.count)
    }

    @Test func aJSONFeedFollowsVersion1Point1() throws {
        let bytes = try feedBytes(.jsonfeed) { $0.selfLink = "https://example.com/feed.json" }
        let feed = try #require(try JSONParser.parse(bytes).objectValue)
        #expect(feed["version"] == "https://jsonfeed.org/version/1.1")
        #expect(feed["feed_url"] == "https://example.com/feed.json")
        #expect(feed["home_page_url"] == "https://www.instagram.com/hostile.user/")
        let items = feed["items"]?.arrayValue ?? []
        #expect(items.count == HostileRecords.captions.count)
        for item in items {
            #expect(item.objectValue?["content_html"]?.stringValue?.isEmpty == false)
            #expect(item.objectValue?["date_published"]?.stringValue?.hasSuffix("Z") == true)
        }
    }

    @Test(arguments: formats)
    func anEmptyRunPublishesAnEmptyButCompleteFeed(format: SinkConfig.Format) throws {
        let bytes = try feedBytes(format, pages: [])
        #expect(try feedIDs(format, bytes).isEmpty)
    }

    @Test(arguments: formats)
    func aMediaReadTwiceIsOneItem(format: SinkConfig.Format) throws {
        let records = HostileRecords.transformedMedia(count: 3)
        let bytes = try feedBytes(format, pages: [mediaPage(records), mediaPage(Array(records[1...]))])
        #expect(try feedIDs(format, bytes).count == 3)
    }
}

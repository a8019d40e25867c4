import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport
import Testing

/// Writes the hostile records in every format into `$IGEXPORT_INTEROP_DIR`, for `Tests/Interop/run.sh` to load
/// with DuckDB, Python's `csv`, feedparser, html5lib, jsonschema and xmllint; the three feeds hold the newest 50
/// of 60 media, so `max_items` is exercised. Skipped when the variable is not set.
@Suite struct InteropFixtures {
    static let folder = ProcessInfo.processInfo.environment["IGEXPORT_INTEROP_DIR"]

    @Test(.enabled(if: folder != nil, "set IGEXPORT_INTEROP_DIR to write the interop fixtures"))
    func writesEveryFormatForTheInteropSuite() throws {
        let folder = try #require(InteropFixtures.folder)
        let context = SinkContext(pipeline: "interop", runID: "r1", date: "2025-03-01")
        let pages = hostilePages(mediaCount: 60, pageSize: 10)
        let feeds = [(SinkConfig.Format.rss, "rss"), (.atom, "atom"), (.jsonfeed, "json")].map { format, ext in
            var feed = sinkConfig(format, folder + "/feed.\(ext)", streams: [.media])
            feed.feed.selfLink = "https://example.com/feed.\(ext)"
            feed.feed.maxItems = 50
            return feed
        }
        var excel = sinkConfig(.csv, folder + "/media-excel.csv", streams: [.media])
        excel.csv.dialect = .excel
        let configs = [
            sinkConfig(.ndjson, folder + "/media.ndjson", streams: [.media]),
            sinkConfig(.csv, folder + "/media.csv", streams: [.media]), excel,
            sinkConfig(.xml, folder + "/records.xml"),
        ]
        for config in configs + feeds {
            try run(makeTestSink(config, context), pages)
        }
        let media = pages.filter { $0.stream == .media }.flatMap(\.records)
        let expected: JSONValue = [
            "media_count": .int(Int64(media.count)),
            "feed_items": 50,
            "feed_ids": .array(
                media.prefix(50).map { .string("tag:instagram.com,2010:media/" + ($0["id"]?.stringValue ?? "")) }
            ),
            "captions": .array(media.map { $0["caption"] ?? .null }),
        ]
        try Data(expected.jsonText.utf8).write(to: URL(fileURLWithPath: folder + "/expected.json"))
    }
}

import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport
import Testing

/// Writes the hostile records in every format into `$IGEXPORT_INTEROP_DIR`, for `Tests/Interop/run.sh` to load
/// with DuckDB, Python's `csv`, feedparser and xmllint. Skipped when the variable is not set.
@Suite struct InteropFixtures {
    static let folder = ProcessInfo.processInfo.environment["IGEXPORT_INTEROP_DIR"]

    @Test(.enabled(if: folder != nil, "set IGEXPORT_INTEROP_DIR to write the interop fixtures"))
    func writesEveryFormatForTheInteropSuite() throws {
        let folder = try #require(InteropFixtures.folder)
        let context = SinkContext(pipeline: "interop", runID: "r1", date: "2025-03-01")
        let pages = hostilePages(mediaCount: 45, pageSize: 10)
        var rss = sinkConfig(.rss, folder + "/feed.rss", streams: [.media])
        rss.rss.selfLink = "https://example.com/feed.rss"
        rss.rss.maxItems = 30
        var excel = sinkConfig(.csv, folder + "/media-excel.csv", streams: [.media])
        excel.csv.dialect = .excel
        let configs = [
            sinkConfig(.ndjson, folder + "/media.ndjson", streams: [.media]),
            sinkConfig(.csv, folder + "/media.csv", streams: [.media]), excel,
            sinkConfig(.xml, folder + "/records.xml"), rss,
        ]
        for config in configs {
            try run(makeTestSink(config, context), pages)
        }
        let media = pages.filter { $0.stream == .media }.flatMap(\.records)
        let expected: JSONValue = [
            "media_count": .int(Int64(media.count)),
            "rss_items": 30,
            "captions": .array(media.map { $0["caption"] ?? .null }),
        ]
        try Data(expected.jsonText.utf8).write(to: URL(fileURLWithPath: folder + "/expected.json"))
    }
}

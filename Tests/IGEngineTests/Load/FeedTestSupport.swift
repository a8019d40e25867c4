import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport

/// Writes `pages` as a feed of `format` into a fresh folder and returns its bytes.
func feedBytes(
    _ format: SinkConfig.Format,
    pages: [Page] = hostilePages(),
    configure: (inout FeedOptions) -> Void = { _ in }
) throws -> [UInt8] {
    try withTemporaryFolder { folder in
        let path = folder + "/feed"
        var config = sinkConfig(format, path, streams: [.media])
        configure(&config.feed)
        try run(
            FeedSink(
                config: config,
                context: SinkContext(pipeline: "demo", runID: "r1", date: "2025-03-01"),
                now: fixedNow
            ),
            pages
        )
        return contents(path)
    }
}

/// The item ids of a feed, in order: RSS `guid`s, Atom entry `id`s, JSON Feed item `id`s.
func feedIDs(_ format: SinkConfig.Format, _ bytes: [UInt8]) throws -> [String] {
    switch format {
    case .jsonfeed:
        let items = try JSONParser.parse(bytes).objectValue?["items"]?.arrayValue ?? []
        return items.compactMap { $0.objectValue?["id"]?.stringValue }
    case .atom:
        // The feed's own id comes first.
        return Array((try XMLProbe.parse(bytes).texts["id"] ?? []).dropFirst())
    default:
        return try XMLProbe.parse(bytes).texts["guid"] ?? []
    }
}

/// A page of media for `account` "me".
func mediaPage(_ records: [Record]) -> Page {
    Page(stream: .media, account: "me", records: records)
}

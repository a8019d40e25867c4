import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport
import Testing

/// An incremental run reads only the newest media; its feeds must still hold the newest `max_items`.
@Suite struct FeedIncrementalTests {
    static let formats: [SinkConfig.Format] = [.rss, .atom, .jsonfeed]

    let context = SinkContext(pipeline: "demo", runID: "r1", date: "2025-03-01")
    /// Ten media, newest first; the first two are "new" in the second run.
    let media = HostileRecords.transformedMedia(count: 10)

    func id(_ index: Int) -> String { "tag:instagram.com,2010:media/\(17_900_000_000_000_000 + index)" }

    /// Publishes a feed of `first`, then runs again over `second` and returns the second feed's ids.
    func ids(_ format: SinkConfig.Format, first: [Record], second: [Record], incremental: Bool = true) throws
        -> [String]
    {
        try withTemporaryFolder { folder in
            let path = folder + "/feed"
            var config = sinkConfig(format, path, streams: [.media])
            config.feed.maxItems = 6
            config.feed.keepsPublishedItems = incremental
            try run(FeedSink(config: config, context: context, now: fixedNow), [mediaPage(first)])
            try run(FeedSink(config: config, context: context, now: fixedNow), [mediaPage(second)])
            return try feedIDs(format, contents(path))
        }
    }

    @Test(arguments: formats)
    func anIncrementalRunKeepsTheNewestItemsOfThePublishedFeed(format: SinkConfig.Format) throws {
        // The second run reads the two new media and, in its lookback window, media 2 again.
        let result = try ids(format, first: Array(media[2...]), second: Array(media[0...2]))
        #expect(result == (0..<6).map(id))
    }

    @Test(arguments: formats)
    func aMediaDeletedSinceLeavesTheFeed(format: SinkConfig.Format) throws {
        // Media 2 was deleted: the run read media 3 again but not 2.
        let result = try ids(format, first: Array(media[2...]), second: [media[0], media[1], media[3]])
        #expect(result == [0, 1, 3, 4, 5, 6].map(id))
    }

    @Test(arguments: formats)
    func aResumedIncrementalRunCarriesOverTheSameItems(format: SinkConfig.Format) throws {
        try withTemporaryFolder { folder in
            var config = sinkConfig(format, folder + "/feed", streams: [.media])
            config.feed.maxItems = 6
            config.feed.keepsPublishedItems = true
            try run(FeedSink(config: config, context: context, now: fixedNow), [mediaPage(Array(media[2...]))])
            var resumed = context
            do {
                // The interrupted run's sink ends (and lets go of its output) before the resumed one opens it.
                let first = try FeedSink(config: config, context: context, now: fixedNow)
                try first.write(mediaPage([media[0]]))
                resumed.resumeOffsets = try first.commit(sync: true)
            }
            try run(FeedSink(config: config, context: resumed, now: fixedNow), [mediaPage([media[1], media[2]])])
            #expect(try feedIDs(format, contents(folder + "/feed")) == (0..<6).map(id))
        }
    }

    @Test func aFullRunDoesNotCarryOverDeletedMedia() throws {
        let result = try ids(.rss, first: Array(media[2...]), second: Array(media[0...1]), incremental: false)
        #expect(result == [0, 1].map(id))
    }
}

import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport
import Testing

@Suite struct ResumeTests {
    static let formats: [SinkConfig.Format] = [.ndjson, .csv, .xml, .rss, .atom, .jsonfeed]

    /// Runs every page in one go.
    func uninterrupted(_ format: SinkConfig.Format, pages: [Page]) throws -> [UInt8] {
        try withTemporaryFolder { folder in
            let context = SinkContext(pipeline: "demo", runID: "r1", date: "2025-03-01")
            try run(makeTestSink(sinkConfig(format, folder + "/out"), context), pages)
            return contents(folder + "/out")
        }
    }

    /// Commits `committed` pages, writes one more page without committing (the crash), then resumes.
    func interrupted(_ format: SinkConfig.Format, pages: [Page], committed: Int) throws -> [UInt8] {
        try withTemporaryFolder { folder in
            let context = SinkContext(pipeline: "demo", runID: "r1", date: "2025-03-01")
            var offsets: [String: UInt64] = [:]
            do {
                let first = try makeTestSink(sinkConfig(format, folder + "/out"), context)
                for page in pages.prefix(committed) {
                    try first.write(page)
                    offsets = try first.commit(sync: true)
                }
                if committed < pages.count {
                    try first.write(pages[committed])
                    // Half-written bytes reach the partial file past the committed offset, as in a crash.
                    _ = try first.commit(sync: false)
                }
            }
            var resumedContext = context
            resumedContext.resumeOffsets = offsets
            let second = try makeTestSink(sinkConfig(format, folder + "/out"), resumedContext)
            for page in pages.dropFirst(committed) {
                try second.write(page)
                _ = try second.commit(sync: true)
            }
            #expect(try second.finish() == [folder + "/out"])
            return contents(folder + "/out")
        }
    }

    @Test(arguments: formats)
    func aRunSplitInTwoEqualsOneRunByteForByte(format: SinkConfig.Format) throws {
        let pages = hostilePages()
        let whole = try uninterrupted(format, pages: pages)
        #expect(!whole.isEmpty)
        for committed in 1..<pages.count {
            #expect(try interrupted(format, pages: pages, committed: committed) == whole, "after \(committed) pages")
        }
    }

    @Test(arguments: [SinkConfig.Format.rss, .atom, .jsonfeed])
    func aResumedFeedStillStopsAtMaxItems(format: SinkConfig.Format) throws {
        try withTemporaryFolder { folder in
            var config = sinkConfig(format, folder + "/feed")
            config.feed.maxItems = 6
            let context = SinkContext(pipeline: "demo", runID: "r1", date: "2025-03-01")
            let pages = hostilePages()
            var offsets: [String: UInt64] = [:]
            do {
                let first = try FeedSink(config: config, context: context, now: fixedNow)
                for page in pages.prefix(3) {
                    try first.write(page)
                    offsets = try first.commit(sync: true)
                }
            }
            var resumed = context
            resumed.resumeOffsets = offsets
            try run(FeedSink(config: config, context: resumed, now: fixedNow), Array(pages.dropFirst(3)))
            let ids = try feedIDs(format, contents(folder + "/feed"))
            #expect(ids == (0..<6).map { "tag:instagram.com,2010:media/\(17_900_000_000_000_000 + $0)" })
        }
    }

    @Test func aResumedCSVWithoutConfiguredColumnsReadsThemFromItsHeader() throws {
        try withTemporaryFolder { folder in
            let context = SinkContext(pipeline: "demo", runID: "r1", date: "2025-03-01")
            let config = sinkConfig(.csv, folder + "/out.csv")
            var resumed = context
            do {
                let first = try makeSink(config, context: context)
                try first.write(Page(stream: .media, account: "me", records: [["a,1": 1, "b": 2]]))
                resumed.resumeOffsets = try first.commit(sync: true)
            }
            let second = try makeSink(config, context: resumed)
            try run(second, [Page(stream: .media, account: "me", records: [["b": 4, "a,1": 3, "c": 5]])])
            #expect(text(folder + "/out.csv") == "\"a,1\",b\n1,2\n3,4\n")
        }
    }

    @Test func aSinkPublishesAFileWhoseStreamEndedBeforeTheInterruption() throws {
        try withTemporaryFolder { folder in
            let context = SinkContext(pipeline: "demo", runID: "r1", date: "2025-03-01")
            let config = sinkConfig(.ndjson, folder + "/{stream}.ndjson")
            var resumed = context
            do {
                let first = try makeSink(config, context: context)
                try first.write(hostilePages()[0])
                resumed.resumeOffsets = try first.commit(sync: true)
            }
            let second = try makeSink(config, context: resumed)
            #expect(try run(second, [hostilePages()[1]]) == [folder + "/profile.ndjson", folder + "/media.ndjson"])
        }
    }
}

import Foundation
import GraphEmulator
import Testing

@testable import IGCore
@testable import IGEngine
@testable import IGGraph

@Suite struct RunnerTests {
    static let mediaOnly = """
        extract:
          profile: {}
          media: {page_size: 100}
        transform: [normalize]
        load:
          - ndjson: {path: "OUT/{stream}.ndjson"}
        """

    @Test func exportsEveryMediaWithChildrenInOneRequestPerPagePlusTheProfile() async throws {
        let harness = try await PipelineHarness(media: 250)
        defer { Task { await harness.close() } }
        let report = try await harness.run(try harness.config(Self.mediaOnly))
        let ids = try harness.ids("media.ndjson")
        #expect(ids.count == 250)
        #expect(Set(ids).count == 250)
        #expect(try harness.requestCount() == 3 + 1)
        #expect(report.requests == 4)
        #expect(report.records[.media] == 250)
        let carousel = try harness.lines("media.ndjson").first { $0.contains("\"CAROUSEL_ALBUM\"") }
        #expect(carousel?.contains("\"children\":[{") == true)
    }

    @Test(arguments: [
        "http500=every:3", "reset=every:4", "truncate=every:4", "throttle=every:3", "slow=every:3@5ms", "empty=every:3",
        "http500=0.1,reset=0.05,truncate=0.05,throttle=0.05,empty=0.05",
    ])
    func exportsEveryMediaExactlyOnceUnderFaults(faults: String) async throws {
        let harness = try await PipelineHarness(media: 230, seed: 3, faults: faults)
        defer { Task { await harness.close() } }
        let config = try harness.config(
            Self.mediaOnly.replacingOccurrences(of: "page_size: 100", with: "page_size: 25")
        )
        let report = try await harness.run(config)
        let ids = try harness.ids("media.ndjson")
        #expect(ids.count == 230)
        #expect(Set(ids).count == 230)
        if faults.hasPrefix("throttle") {
            #expect(report.waits > 0)
        } else if !faults.hasPrefix("slow") && !faults.hasPrefix("empty") {
            #expect(report.retries > 0)
        }
        #expect(!harness.logs.lines.contains { line in harness.server.accounts.contains { line.contains($0.token) } })
    }

    @Test func everyStreamIsExportedForEveryAccount() async throws {
        let harness = try await PipelineHarness(media: 40, accounts: 2)
        defer { Task { await harness.close() } }
        let config = try harness.config(
            """
            extract:
              profile: {}
              media: {}
              stories: {}
              media_insights: {}
              account_insights: {days: 45}
              comments: {}
            transform: [normalize]
            load:
              - ndjson: {path: "OUT/{account}/{stream}.ndjson"}
            """
        )
        let report = try await harness.run(config)
        for account in harness.server.accounts {
            let media = try harness.ids("\(account.id)/media.ndjson")
            #expect(media.count == 40)
            #expect(try harness.ids("\(account.id)/media_insights.ndjson", key: "media_id") == media)
            #expect(try harness.lines("\(account.id)/profile.ndjson").count == 1)
            let days = try harness.lines("\(account.id)/account_insights.ndjson")
            #expect(days.count == 2 * 45)
            let comments = try harness.ids("\(account.id)/comments.ndjson")
            #expect(Set(comments).count == comments.count)
            #expect(!comments.isEmpty)
        }
        #expect(report.records[.media] == 80)
    }

    @Test func anExpiredTokenStopsAfterOneRefusedRequest() async throws {
        let harness = try await PipelineHarness(media: 300, faults: "token_expiry=2")
        defer { Task { await harness.close() } }
        let config = try harness.config(Self.mediaOnly)
        await #expect {
            try await harness.run(config)
        } throws: { error in
            guard let error = error as? GraphError else { return false }
            return error.category == .auth && error.subcode == 463
        }
        #expect(try harness.requestCount() == 3)
        #expect(!harness.logs.lines.contains { $0.contains(harness.server.accounts[0].token) })
    }

    @Test func aResumedRunWritesWhatIsLeftOnce() async throws {
        let harness = try await PipelineHarness(media: 350, faults: "token_expiry=3")
        defer { Task { await harness.close() } }
        let config = try harness.config(Self.mediaOnly)
        await #expect(throws: GraphError.self) { try await harness.run(config) }
        let state = try StateStore(path: config.checkpoint.path).load()
        #expect(state?.run?.streams["\(harness.server.accounts[0].id)/media"]?.records == 200)

        let resumed = try await PipelineHarness.resuming(harness, media: 350)
        defer { Task { await resumed.close() } }
        let report = try await resumed.run(try resumed.config(Self.mediaOnly))
        #expect(report.resumed)
        let ids = try resumed.ids("media.ndjson")
        #expect(ids.count == 350)
        #expect(Set(ids).count == 350)
    }

    @Test func aRefusedCursorResumesByTimeWindowWithEveryMediaOnce() async throws {
        let harness = try await PipelineHarness(media: 330, faults: "token_expiry=3,cursor_ttl=1s")
        defer { Task { await harness.close() } }
        let config = try harness.config(Self.mediaOnly)
        await #expect(throws: GraphError.self) { try await harness.run(config) }
        try await Task.sleep(for: .milliseconds(1100))

        let resumed = try await PipelineHarness.resuming(harness, media: 330, faults: "cursor_ttl=1s")
        defer { Task { await resumed.close() } }
        _ = try await resumed.run(try resumed.config(Self.mediaOnly))
        let ids = try resumed.ids("media.ndjson")
        #expect(ids.count == 330)
        #expect(Set(ids).count == 330)
        #expect(resumed.logs.lines.contains { $0.contains("resuming by time window") })
    }

    @Test func anIncrementalRunWritesTheNewMediaAndTheLookbackWindow() async throws {
        let harness = try await PipelineHarness(media: 200)
        defer { Task { await harness.close() } }
        let incremental = """
            extract:
              media: {mode: incremental, lookback: 0s}
            load:
              - ndjson: {path: "OUT/{run}.ndjson"}
            """
        let first = try await harness.run(try harness.config(incremental))
        #expect(try harness.lines("\(first.runID).ndjson").count == 200)

        harness.server.publish(newMedia: 7, account: 0)
        let second = try await harness.run(try harness.config(incremental))
        let written = try harness.lines("\(second.runID).ndjson")
        // The 7 new media, plus the previous newest one again: lookback 0s still takes the bookmark's second.
        #expect(written.count == 8)
        #expect(second.requests == 1 + 1)
    }

    @Test func aSecondRunOfTheSamePipelineIsRefusedWhileTheFirstHoldsTheLock() async throws {
        let harness = try await PipelineHarness(media: 10)
        defer { Task { await harness.close() } }
        let config = try harness.config(Self.mediaOnly)
        let lock = try RunLock(pipeline: config.name, statePath: config.checkpoint.path)
        await #expect {
            try await harness.run(config)
        } throws: { error in
            guard let error = error as? RunLockError else { return false }
            return error.isHeld && error.message.contains("pipeline test is already running (pid \(getpid())")
        }
        withExtendedLifetime(lock) {}
        #expect(try harness.requestCount() == 0)
    }
}

extension PipelineHarness {
    /// A new emulator with the same data as `harness` (same seed), writing into the same folder: what a second
    /// run after an interruption meets.
    static func resuming(_ harness: PipelineHarness, media: Int, faults: String = "") async throws -> PipelineHarness {
        try await PipelineHarness(media: media, faults: faults, reusing: harness.folder)
    }
}

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
        try await PipelineHarness.with(media: 250) { harness in
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
    }

    @Test(arguments: [
        "http500=every:3", "reset=every:4", "truncate=every:4", "throttle=every:3", "slow=every:3@5ms", "empty=every:3",
        "http500=0.1,reset=0.05,truncate=0.05,throttle=0.05,empty=0.05",
    ])
    func exportsEveryMediaExactlyOnceUnderFaults(faults: String) async throws {
        try await PipelineHarness.with(media: 230, seed: 3, faults: faults) { harness in
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
            #expect(
                !harness.logs.lines.contains { line in harness.server.accounts.contains { line.contains($0.token) } }
            )
        }
    }

    @Test func everyStreamIsExportedForEveryAccount() async throws {
        try await PipelineHarness.with(media: 40, accounts: 2) { harness in
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
                let insights = try harness.ids("\(account.id)/media_insights.ndjson", key: "media_id")
                #expect(Array(Self.orderedUnique(insights).prefix(media.count)) == media)
                #expect(try harness.lines("\(account.id)/profile.ndjson").count == 1)
                // reach as a daily series, and views, accounts_engaged and total_interactions as daily totals.
                let days = try harness.lines("\(account.id)/account_insights.ndjson")
                #expect(days.count == 4 * 45)
                let comments = try harness.ids("\(account.id)/comments.ndjson")
                #expect(Set(comments).count == comments.count)
                #expect(!comments.isEmpty)
            }
            #expect(report.records[.media] == 80)
        }
    }

    static func orderedUnique(_ ids: [String]) -> [String] {
        var seen: Set<String> = []
        return ids.filter { seen.insert($0).inserted }
    }

    @Test func aRunOfEveryStreamAgainstTheRealisticEmulatorCompletesAndCountsWhatWasRefused() async throws {
        let behaviour = EmulatorBehaviour(profile: .realistic)
        try await PipelineHarness.with(media: 60, accounts: 1, behaviour: behaviour) { harness in
            let config = try harness.config(
                """
                extract:
                  profile: {}
                  media: {}
                  stories: {}
                  media_insights: {}
                  account_insights: {metrics: [reach, follower_count]}
                  comments: {}
                transform: [normalize]
                load:
                  - ndjson: {path: "OUT/{stream}.ndjson"}
                  - csv: {stream: media, path: "OUT/media.csv"}
                """
            )
            let report = try await harness.run(config)
            let media = try harness.ids("media.ndjson")
            #expect(media.count == 60)
            let stories = try harness.ids("stories.ndjson")
            let insights = Self.orderedUnique(try harness.ids("media_insights.ndjson", key: "media_id"))
            #expect(insights == media + stories)
            #expect(report.skipped[.mediaInsights]?["metric_not_supported", default: 0] ?? 0 > 0)
            let comments = try harness.lines("comments.ndjson")
            #expect(comments.contains { $0.contains("\"parent_id\":\"") })
            let announced = try harness.lines("media.ndjson").compactMap { line -> Int64? in
                guard case .object(let record) = try JSONParser.parse(Array(line.utf8)) else { return nil }
                return record["comments_count"]?.intValue
            }
            #expect(comments.count == Int(announced.reduce(0, +)))
        }
    }

    @Test func onPartialFailPublishesWhatWasReadThenFailsNamingTheSkips() async throws {
        try await PipelineHarness.with(media: 30, behaviour: EmulatorBehaviour(profile: .realistic)) { harness in
            let config = try harness.config(
                """
                extract:
                  media: {}
                  media_insights: {}
                load:
                  - ndjson: {path: "OUT/{stream}.ndjson"}
                on_partial: fail
                """
            )
            await #expect {
                try await harness.run(config)
            } throws: { error in
                (error as? PartialRunError)?.description.contains("media_insights/metric_not_supported=") == true
            }
            #expect(try harness.ids("media.ndjson").count == 30)
        }
    }

    @Test func anExpiredTokenStopsAfterOneRefusedRequest() async throws {
        try await PipelineHarness.with(media: 300, faults: "token_expiry=2") { harness in
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
    }

    @Test func aResumedRunWritesWhatIsLeftOnce() async throws {
        try await PipelineHarness.with(media: 350, faults: "token_expiry=3") { harness in
            let config = try harness.config(Self.mediaOnly)
            await #expect(throws: GraphError.self) { try await harness.run(config) }
            let state = try StateFolder(config).store(account: harness.server.accounts[0].id).load()
            #expect(state?.run?.streams["\(harness.server.accounts[0].id)/media"]?.records == 200)

            try await PipelineHarness.resuming(harness, media: 350) { resumed in
                let report = try await resumed.run(try resumed.config(Self.mediaOnly))
                #expect(report.resumed)
                let ids = try resumed.ids("media.ndjson")
                #expect(ids.count == 350)
                #expect(Set(ids).count == 350)
            }
        }
    }

    @Test func aStaleCursorResumesByTimeWindowWithEveryMediaOnce() async throws {
        try await PipelineHarness.with(media: 330, faults: "token_expiry=3") { harness in
            let config = try harness.config(Self.mediaOnly)
            await #expect(throws: GraphError.self) { try await harness.run(config) }
            harness.clock.advance(by: config.checkpoint.cursorTTL + .seconds(1))

            try await PipelineHarness.resuming(harness, media: 330) { resumed in
                _ = try await resumed.run(try resumed.config(Self.mediaOnly))
                let ids = try resumed.ids("media.ndjson")
                #expect(ids.count == 330)
                #expect(Set(ids).count == 330)
                #expect(resumed.logs.lines.contains { $0.contains("resuming by time window") })
            }
        }
    }

    @Test func anIncrementalRunWritesTheNewMediaAndTheLookbackWindow() async throws {
        try await PipelineHarness.with(media: 200) { harness in
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
    }

    @Test func aSecondRunOfTheSamePipelineIsRefusedWhileTheFirstHoldsTheLock() async throws {
        try await PipelineHarness.with(media: 10) { harness in
            let config = try harness.config(Self.mediaOnly)
            let account = harness.server.accounts[0].id
            let lock = try StateFolder(config).lock(account: account, pipeline: config.name, now: Date())
            await #expect {
                try await harness.run(config)
            } throws: { error in
                guard let error = error as? RunLockError else { return false }
                return error.isHeld
                    && error.message.contains(
                        "account \(account) of pipeline test is being exported by another run (pid \(getpid())"
                    )
            }
            withExtendedLifetime(lock) {}
            #expect(try harness.requestCount() == 0)
        }
    }

    @Test func anAccountHeldByAnotherRunIsLeftToItWhileTheOthersComplete() async throws {
        try await PipelineHarness.with(media: 10, accounts: 3) { harness in
            let config = try harness.config(
                """
                extract:
                  media: {page_size: 100}
                load:
                  - ndjson: {path: "OUT/{account}/media.ndjson"}
                """
            )
            let held = harness.server.accounts[1].id
            let lock = try StateFolder(config).lock(account: held, pipeline: config.name, now: Date())
            await #expect {
                try await harness.run(config)
            } throws: { error in
                guard let error = error as? RunLockError else { return false }
                return error.isHeld && error.account == held
                    && error.message.hasSuffix("; the other accounts completed")
            }
            withExtendedLifetime(lock) {}
            for account in harness.server.accounts {
                let published = FileManager.default.fileExists(
                    atPath: harness.folder.appendingPathComponent("\(account.id)/media.ndjson").path
                )
                #expect(published == (account.id != held), "\(account.id)")
                let state = try StateFolder(config).store(account: account.id).load()
                #expect((state?.bookmarks.isEmpty == false) == (account.id != held))
            }
        }
    }
}

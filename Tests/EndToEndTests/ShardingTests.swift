import Foundation
import TestSupport
import Testing

/// A Kubernetes Indexed Job simulated on one machine: N `igexport run --shards N` processes, each told its index
/// by `JOB_COMPLETION_INDEX` as Kubernetes tells it, writing into one shared output and state folder.
@Suite struct ShardingTests {
    private static let accountCount = 40
    private static let mediaPerAccount = 3

    private func pipeline(output: URL) -> String {
        """
        version: 1
        name: shards
        source:
          api: emulator
          emulator: {seed: 17, accounts: \(Self.accountCount), media: \(Self.mediaPerAccount)}
        extract:
          profile: {}
          media: {page_size: 10}
        load:
          - ndjson: {path: "\(output.path)/{account}/{stream}.ndjson"}
        manifest: {path: "\(output.path)/_manifests/{shard}/{account}-{run}.json"}
        checkpoint: {path: "\(output.path)/.state/shards"}
        """
    }

    /// Runs every shard of `count` at once and returns each shard's accounts, by index.
    private func runIndexedJob(count: Int, pipeline: URL) async throws -> [[String]] {
        let results = try await withThrowingTaskGroup(of: (Int, Command.Result).self) { group in
            for index in 0..<count {
                let command = Command(
                    arguments: ["run", "--shards", "\(count)", "--log-format", "json", pipeline.path],
                    environment: ["JOB_COMPLETION_INDEX": "\(index)"]
                )
                group.addTask { (index, try await command.run()) }
            }
            var results: [Int: Command.Result] = [:]
            for try await (index, result) in group { results[index] = result }
            return results
        }
        return try (0..<count).map { index in
            let result = try #require(results[index])
            #expect(result.status == 0, "shard \(index): \(result.stderr)")
            let line = try #require(result.stderr.split(separator: "\n").first { $0.contains("run.completed") })
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(event["shard"] as? String == "\(index)/\(count)")
            return try #require(event["accounts"] as? [String])
        }
    }

    /// Checks that the shards split every account exactly once, and that each account's media file holds its
    /// media once each.
    private func expectEveryAccountExportedOnce(_ shards: [[String]], output: URL) throws {
        let all = shards.flatMap { $0 }
        #expect(all.count == Self.accountCount)
        #expect(Set(all).count == Self.accountCount)
        for account in all {
            let media = try String(
                contentsOf: output.appendingPathComponent("\(account)/media.ndjson"),
                encoding: .utf8
            ).split(separator: "\n")
            let ids = try media.map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["id"] as? String
            }
            #expect(ids.count == Self.mediaPerAccount && Set(ids).count == ids.count, "\(account)")
        }
        let states = try FileManager.default.contentsOfDirectory(
            atPath: output.appendingPathComponent(".state/shards").path
        ).filter { $0.hasSuffix(".json") }
        #expect(Set(states) == Set(all.map { "\($0).json" }))
    }

    @Test func eightShardsThenFiveExportEveryAccountOnceAndKeepAccountsWhoseShardRemains() async throws {
        try await withTemporaryFolder { folder in
            let output = folder.url.appendingPathComponent("out")
            let file = try folder.write(pipeline(output: output), to: "shards.yaml")

            let eight = try await runIndexedJob(count: 8, pipeline: file)
            try expectEveryAccountExportedOnce(eight, output: output)
            #expect(eight.filter(\.isEmpty).isEmpty, "\(eight.map(\.count))")
            // Each shard's manifests land under its own index, one per account it exported.
            for (index, accounts) in eight.enumerated() {
                let manifests = try FileManager.default.contentsOfDirectory(
                    atPath: output.appendingPathComponent("_manifests/\(index)").path
                )
                #expect(Set(manifests.compactMap { $0.split(separator: "-").first.map(String.init) }) == Set(accounts))
            }

            let five = try await runIndexedJob(count: 5, pipeline: file)
            try expectEveryAccountExportedOnce(five, output: output)
            for (index, accounts) in eight.enumerated() where index < 5 {
                #expect(Set(accounts).isSubset(of: Set(five[index])), "shard \(index) lost accounts it kept")
            }

            let state = try await Command(arguments: ["state", "--json", file.path]).run()
            #expect(state.status == 0, "\(state.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(state.stdout.utf8)) as? [String: Any])
            let streams = try #require(report["streams"] as? [[String: Any]])
            #expect(Set(streams.compactMap { $0["account"] as? String }).count == Self.accountCount)
        }
    }

    @Test func shardsWithoutAnIndexExit64() async throws {
        try await withTemporaryFolder { folder in
            let file = try folder.write(pipeline(output: folder.url), to: "shards.yaml")
            let result = try await Command(arguments: ["run", "--shards", "8", file.path]).run()
            #expect(result.status == 64, "\(result.stderr)")
            #expect(result.stderr.contains("--shards needs --shard-index, or JOB_COMPLETION_INDEX"))
            let outOfRange = try await Command(arguments: ["run", "--shards", "8", "--shard-index", "8", file.path])
                .run()
            #expect(outOfRange.status == 64)
        }
    }
}

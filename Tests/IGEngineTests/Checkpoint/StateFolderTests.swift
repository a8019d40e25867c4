import Foundation
import Logging
import Testing

@testable import IGEngine

@Suite struct StateFolderTests {
    private static let yaml = """
        version: 1
        name: nightly
        source:
          api: https://graph.instagram.com
          token: ${env:T}
          accounts: ["101", "102"]
        extract:
          media: {}
        load:
          - ndjson: {path: "OUT/{account}/media.ndjson"}
        checkpoint: {path: STATE}
        """

    private func config(folder: URL) throws -> PipelineConfig {
        let yaml = Self.yaml.replacingOccurrences(of: "OUT", with: folder.path)
            .replacingOccurrences(of: "STATE", with: folder.appendingPathComponent("state/nightly.json").path)
        return try PipelineConfig.parse(yaml: yaml, file: "nightly.yaml", environment: ["T": "t"])
    }

    @Test func aSingleStateFileIsSplitPerAccountOnceAndKeptAsMigrated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("igexport-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try config(folder: folder)
        let started = Date(timeIntervalSince1970: 1_700_000_000)
        var legacy = RunState(pipeline: "nightly")
        legacy.bookmarks["101/media"] = Bookmark(
            newestTimestamp: "2024-01-01",
            completedAt: started,
            runID: "r0",
            records: 3
        )
        legacy.bookmarks["102/media"] = Bookmark(
            newestTimestamp: "2024-02-01",
            completedAt: started,
            runID: "r0",
            records: 4
        )
        var run = RunProgress(id: "r1", startedAt: started, date: "2024-03-01")
        run.streams["102/media"] = StreamPosition()
        run.outputs["\(folder.path)/101/media.ndjson"] = 10
        run.outputs["\(folder.path)/102/media.ndjson"] = 20
        run.pages = 2
        legacy.run = run
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("state"),
            withIntermediateDirectories: true
        )
        try StateStore(path: config.checkpoint.path).save(legacy)

        let stateFolder = StateFolder(config)
        #expect(try stateFolder.loadAll() == [legacy])
        try stateFolder.migrateLegacyState(config: config, fresh: false, now: started, logger: Logger(label: "test"))
        try stateFolder.migrateLegacyState(config: config, fresh: false, now: started, logger: Logger(label: "test"))

        let a1 = try #require(try stateFolder.store(account: "101").load())
        let a2 = try #require(try stateFolder.store(account: "102").load())
        #expect(Array(a1.bookmarks.keys) == ["101/media"])
        #expect(Array(a2.bookmarks.keys) == ["102/media"])
        #expect(a1.run?.outputs == ["\(folder.path)/101/media.ndjson": 10])
        #expect(a2.run?.outputs == ["\(folder.path)/102/media.ndjson": 20])
        #expect(a2.run?.streams.keys.first == "102/media")
        #expect(a1.run?.id == "r1" && a1.run?.pages == 2 && a2.run?.pages == 0)
        #expect(try StateStore(path: config.checkpoint.path + ".migrated").load() == legacy)
        #expect(try stateFolder.merged(pipeline: "nightly")?.bookmarks == legacy.bookmarks)
    }

    @Test func anAccountIdNeverNamesAnotherFileOrFolder() {
        #expect(StateFolder.fileName(account: "17841400000000001") == "17841400000000001")
        #expect(StateFolder.fileName(account: "me") == "me")
        #expect(StateFolder.fileName(account: "../x") == "%2E%2E%2Fx")
        #expect(StateFolder.fileName(account: ".hidden") == "%2Ehidden")
        #expect(StateFolder.fileName(account: "") == "%")
    }
}

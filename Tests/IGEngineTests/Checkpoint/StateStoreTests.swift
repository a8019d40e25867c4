import Foundation
import Testing

@testable import IGCore
@testable import IGEngine
@testable import IGGraph

struct StateStoreTests {
    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)/p.json").path
    }

    @Test func savesAtomicallyWithMode0600AndReadsBack() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = StateStore(path: path)
        #expect(try store.load() == nil)
        var state = RunState(pipeline: "p")
        state.run = RunProgress(id: "r1", startedAt: Date(timeIntervalSince1970: 1_700_000_000), date: "2023-11-14")
        state.run?.streams["me/media"] = StreamPosition()
        state.run?.streams["me/media"]?.cursor = "QVFIUk"
        state.run?.outputs["out/media.ndjson"] = 4096
        try store.save(state)
        #expect(try store.load() == state)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: (path as NSString).deletingLastPathComponent
        )
        #expect(leftovers == ["p.json"])
    }

    @Test func aDamagedStateFileIsReportedAsCorrupt() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        try "{\"version\":1,\"pipe".write(toFile: path, atomically: false, encoding: .utf8)
        #expect {
            try StateStore(path: path).load()
        } throws: { error in
            (error as? StateError)?.kind == .corrupt && "\(error)".contains("--fresh")
        }
    }

    @Test func theReportShowsTheUnfinishedRunAndTheLastCompletedOne() throws {
        let config = try PipelineConfig.parse(
            yaml: """
                version: 1
                name: report
                source: {api: emulator}
                extract: {media: {}}
                load: [{ndjson: {path: out.ndjson}}]
                """,
            file: "report.yaml",
            environment: [:]
        )
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var state = RunState(pipeline: "report")
        state.bookmarks["me/media"] = Bookmark(
            newestTimestamp: "2026-09-01T06:57:21+0000",
            completedAt: now.addingTimeInterval(-86_400),
            runID: "yesterday",
            records: 120
        )
        state.run = RunProgress(id: "today", startedAt: now.addingTimeInterval(-60), date: "2027-01-15")
        var media = StreamPosition()
        media.records = 300
        media.cursor = "abc"
        media.cursorSavedAt = now.addingTimeInterval(-42)
        state.run?.streams["me/media"] = media
        let report = StateReport(config: config, state: state, now: now)
        #expect(report.run?.id == "today")
        #expect(report.streams.count == 1)
        let stream = try #require(report.streams.first)
        #expect(stream.phase == "running")
        #expect(stream.records == 300)
        #expect(stream.cursorAgeSeconds == 42)
        #expect(stream.lastCompletedRun == "yesterday")
        #expect(stream.bookmark == "2026-09-01T06:57:21+0000")
        #expect(report.text.contains("unfinished run today"))
        #expect(report.json.contains("\"cursorAgeSeconds\" : 42"))
        #expect(!report.json.contains("abc"))
    }
}

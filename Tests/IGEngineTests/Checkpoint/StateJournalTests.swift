import Foundation
import Testing

@testable import IGEngine

/// Recorded pages are lines of the state's journal between two writes of the state file.
struct StateJournalTests {
    private static func entry(run: String = "r1", pages: Int, offset: UInt64) -> RunProgress.PageEntry {
        var position = StreamPosition(cursor: "c\(pages)")
        position.pages = pages
        return RunProgress.PageEntry(
            run: run,
            pages: pages,
            updatedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(pages)),
            key: "me/media",
            position: position,
            outputs: ["out/media.ndjson": offset],
            outputStats: nil,
            records: ["media": pages * 10],
            skipped: nil
        )
    }

    private static func withStore(_ body: (StateStore) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(StateStore(path: folder.appendingPathComponent("me.json").path))
    }

    private static func base(_ store: StateStore) throws -> RunState {
        var state = RunState(pipeline: "p")
        state.run = RunProgress(id: "r1", startedAt: Date(timeIntervalSince1970: 1_700_000_000), date: "2023-11-14")
        try store.save(state)
        return state
    }

    @Test func readingAppliesTheJournalAndIgnoresALineACrashCutShort() throws {
        try Self.withStore { store in
            _ = try Self.base(store)
            try store.append(Self.entry(pages: 1, offset: 100), sync: true, creates: true)
            try store.append(Self.entry(pages: 2, offset: 200), sync: true, creates: false)
            let torn = FileHandle(forWritingAtPath: store.journalPath)
            try torn?.seekToEnd()
            try torn?.write(contentsOf: Data(#"{"run":"r1","pages":3,"outp"#.utf8))
            try torn?.close()
            let run = try #require(try store.load()?.run)
            #expect(run.pages == 2)
            #expect(run.outputs == ["out/media.ndjson": 200])
            #expect(run.streams["me/media"]?.cursor == "c2")
            #expect(run.records == ["media": 20])
        }
    }

    @Test func writingTheStateFoldsTheJournalInAndRemovesIt() throws {
        try Self.withStore { store in
            _ = try Self.base(store)
            try store.append(Self.entry(pages: 1, offset: 100), sync: false, creates: true)
            let state = try #require(try store.load())
            try store.save(state)
            #expect(!FileManager.default.fileExists(atPath: store.journalPath))
            #expect(try store.load() == state)
        }
    }

    /// A crash between writing the state and removing the journal must not move offsets back: the journal's
    /// older entries, and those of another run, are skipped.
    @Test func entriesTheStateAlreadyHoldsOrOfAnotherRunAreSkipped() throws {
        try Self.withStore { store in
            var state = try Self.base(store)
            state.run?.apply(Self.entry(pages: 2, offset: 200))
            state.run?.phase = .publishing
            state.run?.outputs["out/media.ndjson"] = 250
            try store.save(state)
            try store.append(Self.entry(pages: 1, offset: 100), sync: false, creates: true)
            try store.append(Self.entry(pages: 2, offset: 200), sync: false, creates: false)
            try store.append(Self.entry(run: "r0", pages: 9, offset: 900), sync: false, creates: false)
            #expect(try store.load() == state)
        }
    }

    @Test func aDamagedLineInsideTheJournalIsReportedAsCorrupt() throws {
        try Self.withStore { store in
            _ = try Self.base(store)
            try Data("not json\n".utf8).write(to: URL(fileURLWithPath: store.journalPath))
            try store.append(Self.entry(pages: 1, offset: 100), sync: false, creates: false)
            #expect(throws: StateError.self) { try store.load() }
        }
    }

    @Test func aJournalThatCannotBeReadIsAnIOErrorNotAnEmptyJournal() throws {
        try Self.withStore { store in
            _ = try Self.base(store)
            // Something that exists at the journal's path but gives no bytes.
            try FileManager.default.createDirectory(atPath: store.journalPath, withIntermediateDirectories: false)
            let error = #expect(throws: StateError.self) { try store.load() }
            #expect(error?.kind == .io)
        }
    }
}

import Foundation
import IGCore
import Logging
import TestSupport
import Testing

@testable import IGEngine

@Suite struct RunJournalTests {
    @Test func aBookmarkDatedFarInTheFutureIsNotBelieved() throws {
        try withTemporaryFolder { folder in
            let config = try PipelineConfig.parse(
                yaml: """
                    version: 1
                    name: j
                    source: {api: emulator}
                    extract: {media: {mode: incremental}}
                    load: [{ndjson: {path: "\(folder.path)/m.ndjson"}}]
                    checkpoint: {path: "\(folder.path)/state"}
                    """,
                file: "j.yaml",
                environment: [:]
            )
            let now = Date(timeIntervalSince1970: 1_780_000_000)
            let state = RunState(
                pipeline: "j",
                bookmarks: [
                    "me/media": Bookmark(
                        newestTimestamp: "2999-01-01T00:00:00+0000",
                        completedAt: now,
                        runID: "r",
                        records: 1
                    ),
                    "me/stories": Bookmark(
                        newestTimestamp: "2026-05-01T00:00:00+0000",
                        completedAt: now,
                        runID: "r",
                        records: 1
                    ),
                ]
            )
            try StateFolder(config).store(account: "me").save(state)
            let journal = try RunJournal(
                config: config,
                account: "me",
                fresh: false,
                now: now,
                logger: Logger(label: "test")
            )
            #expect(journal.bookmark("me/media", now: now) == nil)
            #expect(journal.bookmark("me/stories", now: now)?.newestTimestamp == "2026-05-01T00:00:00+0000")
        }
    }
}

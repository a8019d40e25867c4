import Foundation
import IGCore
import IGEngine
import TestSupport
import Testing

@Suite struct OutputReservationTests {
    private func sinks(_ path: String, pipeline: String = "second") throws -> SinkSet {
        try SinkSet(
            [sinkConfig(.ndjson, path)],
            context: SinkContext(pipeline: pipeline, runID: "r", date: "2025-03-01")
        )
    }

    @Test func anOutputAnotherRunWritesIsRefusedBeforeAnyPage() throws {
        try withTemporaryFolder { folder in
            let first = try OutputFile(path: folder + "/out.ndjson", owner: "first")
            try first.write("a\n")
            try first.commit(sync: false)
            let second = try sinks(folder + "/out.ndjson")
            #expect { try second.reserveOutputs(account: "me", streams: [.profile, .media]) } throws: { error in
                let error = error as? SinkError
                return error?.kind == .locked && error?.message.contains("pipeline first") == true
            }
            #expect(text(first.partialPath) == "a\n")
        }
    }

    @Test func aReservedOutputIsWrittenUnderItsOwnLockAndFreedOnPublish() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/{stream}.ndjson"
            let reserved = try sinks(path, pipeline: "first")
            try reserved.reserveOutputs(account: "me", streams: [.profile, .media])
            #expect { try OutputFile(path: folder + "/media.ndjson", owner: "other") } throws: { error in
                (error as? SinkError)?.kind == .locked
            }
            try reserved.write(hostilePages(mediaCount: 3))
            _ = try reserved.commit(sync: false)
            #expect(Set(try reserved.publish()) == [folder + "/profile.ndjson", folder + "/media.ndjson"])
            #expect(text(folder + "/media.ndjson").split(separator: "\n").count == 3)
            let next = try OutputFile(path: folder + "/media.ndjson", owner: "other")
            try next.publish()
        }
    }

    @Test func aFolderNotYetCreatedOrARecordDatePathIsLockedAtItsFirstWrite() throws {
        try withTemporaryFolder { folder in
            let missing = try sinks(folder + "/later/{stream}.ndjson")
            try missing.reserveOutputs(account: "me", streams: [.media])
            #expect(!FileManager.default.fileExists(atPath: folder + "/later"))
            let dated = try sinks(folder + "/{record_date}.ndjson")
            try dated.reserveOutputs(account: "me", streams: [.media])
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        }
    }
}

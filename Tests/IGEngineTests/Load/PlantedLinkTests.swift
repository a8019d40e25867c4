import Foundation
import IGCore
import IGEngine
import TestSupport
import Testing

/// A file someone else owns, to point a planted link at: its bytes and mode must survive every write.
struct Victim {
    let path: String
    static let bytes: [UInt8] = Array("precious\n".utf8)

    init(in folder: String) {
        path = folder + "/victim"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(Self.bytes)))
        #expect(chmod(path, 0o600) == 0)
    }

    /// Checks that neither the bytes nor the mode changed.
    func expectUntouched(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(contents(path) == Self.bytes, sourceLocation: sourceLocation)
        var status = stat()
        #expect(stat(path, &status) == 0, sourceLocation: sourceLocation)
        #expect(status.st_mode & 0o7777 == 0o600, sourceLocation: sourceLocation)
    }
}

@Suite struct PlantedLinkTests {
    @Test func aSymlinkAtThePartialFileIsRefusedNamingIt() throws {
        try withTemporaryFolder { folder in
            let victim = Victim(in: folder.path)
            #expect(symlink(victim.path, folder + "/.out.ndjson.partial") == 0)
            #expect { try OutputFile(path: folder + "/out.ndjson") } throws: { error in
                let error = error as? SinkError
                return error?.kind == .cannotCreate && error?.path == folder + "/.out.ndjson.partial"
                    && error?.message.contains("link") == true
            }
            victim.expectUntouched()
        }
    }

    @Test func aSymlinkAtThePartialFileIsRefusedOnResumeToo() throws {
        try withTemporaryFolder { folder in
            let victim = Victim(in: folder.path)
            #expect(symlink(victim.path, folder + "/.out.ndjson.partial") == 0)
            #expect { try OutputFile(path: folder + "/out.ndjson", resumeOffset: 9) } throws: { error in
                (error as? SinkError)?.kind == .cannotCreate
            }
            victim.expectUntouched()
        }
    }

    @Test func aHardLinkAtThePartialFileIsReplacedNotTruncated() throws {
        try withTemporaryFolder { folder in
            let victim = Victim(in: folder.path)
            #expect(link(victim.path, folder + "/.out.ndjson.partial") == 0)
            let file = try OutputFile(path: folder + "/out.ndjson")
            try file.write("new\n")
            try file.publish()
            #expect(text(folder + "/out.ndjson") == "new\n")
            victim.expectUntouched()
        }
    }

    @Test func aStalePartialFileOfADiscardedRunIsStartedOver() throws {
        try withTemporaryFolder { folder in
            #expect(FileManager.default.createFile(atPath: folder + "/.out.ndjson.partial", contents: Data("old".utf8)))
            let file = try OutputFile(path: folder + "/out.ndjson")
            try file.write("new\n")
            try file.publish()
            #expect(text(folder + "/out.ndjson") == "new\n")
        }
    }

    @Test(arguments: [false, true])
    func aLinkAtTheOutputLockIsRefused(hard: Bool) throws {
        try withTemporaryFolder { folder in
            let victim = Victim(in: folder.path)
            let lock = folder + "/.out.ndjson.lock"
            #expect((hard ? link(victim.path, lock) : symlink(victim.path, lock)) == 0)
            #expect { try OutputFile(path: folder + "/out.ndjson") } throws: { error in
                let error = error as? SinkError
                return error?.kind == .cannotCreate && error?.path == lock
            }
            victim.expectUntouched()
        }
    }

    @Test func aSymlinkAtTheTargetIsReplacedByThePublishedFile() throws {
        try withTemporaryFolder { folder in
            let victim = Victim(in: folder.path)
            #expect(symlink(victim.path, folder + "/out.ndjson") == 0)
            let file = try OutputFile(path: folder + "/out.ndjson")
            try file.write("new\n")
            try file.publish()
            #expect(text(folder + "/out.ndjson") == "new\n")
            victim.expectUntouched()
        }
    }

    @Test(arguments: [false, true])
    func aLinkAtTheRunLockIsRefused(hard: Bool) throws {
        try withTemporaryFolder { folder in
            let victim = Victim(in: folder.path)
            #expect(
                (hard ? link(victim.path, folder + "/p.json.lock") : symlink(victim.path, folder + "/p.json.lock")) == 0
            )
            #expect { try RunLock(pipeline: "p", statePath: folder + "/p.json") } throws: { error in
                let error = error as? RunLockError
                return error?.isHeld == false && error?.message.contains(folder + "/p.json.lock") == true
            }
            victim.expectUntouched()
        }
    }

    @Test func anAtomicWriteNeverWritesThroughALinkAtItsOldTemporaryName() throws {
        try withTemporaryFolder { folder in
            let victim = Victim(in: folder.path)
            let path = folder + "/STATE"
            #expect(symlink(victim.path, "\(path).tmp-\(getpid())") == 0)
            #expect(symlink(victim.path, path) == 0)
            try AtomicFile.write(Data("state".utf8), to: path, mode: 0o600, sync: false)
            #expect(text(path) == "state")
            victim.expectUntouched()
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
                $0.hasPrefix("STATE.tmp")
            }
            #expect(leftovers == ["STATE.tmp-\(getpid())"])
        }
    }
}

@Suite struct OutputLockTests {
    @Test func aSecondWriterOfTheSameOutputIsRefusedNamingTheFirst() throws {
        try withTemporaryFolder { folder in
            let first = try OutputFile(path: folder + "/out.ndjson", owner: "first")
            try first.write("a\n")
            try first.commit(sync: false)
            #expect { try OutputFile(path: folder + "/out.ndjson", owner: "second") } throws: { error in
                let error = error as? SinkError
                return error?.kind == .locked && error?.message.contains("pipeline first") == true
            }
            try first.write("b\n")
            try first.publish()
            #expect(text(folder + "/out.ndjson") == "a\nb\n")
        }
    }

    @Test func theLockIsFreeOnceTheFileIsPublishedOrDropped() throws {
        try withTemporaryFolder { folder in
            let first = try OutputFile(path: folder + "/out.ndjson", owner: "first")
            try first.publish()
            let offset: UInt64
            do {
                let second = try OutputFile(path: folder + "/out.ndjson", owner: "second")
                try second.write("b\n")
                offset = try second.commit(sync: false)
            }
            let resumed = try OutputFile(path: folder + "/out.ndjson", resumeOffset: offset, owner: "second")
            try resumed.publish()
            #expect(text(folder + "/out.ndjson") == "b\n")
        }
    }

    @Test func discardingPartialsLeavesAnotherWritersFileAlone() throws {
        try withTemporaryFolder { folder in
            let writer = try OutputFile(path: folder + "/out.ndjson", owner: "writer")
            try writer.write("a\n")
            try writer.commit(sync: false)
            #expect { try OutputFile.discardPartials(of: [folder + "/out.ndjson"]) } throws: { error in
                (error as? SinkError)?.kind == .locked
            }
            #expect(text(writer.partialPath) == "a\n")
        }
    }
}

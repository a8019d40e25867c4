import Foundation
import IGCore
import IGGraph
import TestSupport
import Testing

@testable import IGEngine

@Suite struct OutputFileTests {
    /// A page is appended whole before the buffer is flushed, so the buffer grows past its 64 KiB; ten accounts'
    /// files waiting with such buffers made the peak memory grow with the number of accounts.
    @Test func aCommittedFileGivesBackTheBufferAPageGrew() throws {
        try withTemporaryFolder { folder in
            let file = try OutputFile(path: folder + "/out.ndjson")
            try file.write { $0.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: 200_000)) }
            #expect(try file.commit(sync: false) == 200_000)
            #expect(file.bufferCapacity == 0)
            try file.write("y\n")
            #expect(try file.commit(sync: false) == 200_002)
            #expect(text(file.partialPath).utf8.count == 200_002)
        }
    }

    @Test func writesAPartialFileBesideTheTargetInFoldersItCreates() throws {
        try withTemporaryFolder { folder in
            let file = try OutputFile(path: folder + "/a/b/out.ndjson")
            try file.write("hello\n")
            #expect(file.partialPath == folder + "/a/b/.out.ndjson.partial")
            #expect(try file.commit(sync: true) == 6)
            #expect(text(file.partialPath) == "hello\n")
            #expect(!FileManager.default.fileExists(atPath: file.path))
        }
    }

    @Test func publishesByRenamingOntoTheTargetWithMode0644() throws {
        try withTemporaryFolder { folder in
            let previousMask = umask(0o077)
            defer { umask(previousMask) }
            let file = try OutputFile(path: folder + "/out.csv")
            try file.write("x")
            try file.publish()
            #expect(text(folder + "/out.csv") == "x")
            #expect(!FileManager.default.fileExists(atPath: file.partialPath))
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/out.csv")
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o644)
        }
    }

    @Test func buffersUntilCommitAndTracksTheOffset() throws {
        try withTemporaryFolder { folder in
            let file = try OutputFile(path: folder + "/out")
            try file.write([1, 2, 3])
            #expect(file.offset == 3)
            #expect(contents(file.partialPath).isEmpty)
            try file.write(Array(repeating: 7, count: 70_000))
            #expect(contents(file.partialPath).count == 70_003)
            #expect(try file.commit(sync: false) == 70_003)
        }
    }

    @Test func resumesByCuttingBackToTheCommittedOffset() throws {
        try withTemporaryFolder { folder in
            let offset: UInt64
            do {
                // The interrupted run: its file, and so its output lock, is gone when the next run resumes.
                let first = try OutputFile(path: folder + "/out")
                try first.write("line 1\n")
                offset = try first.commit(sync: true)
                try first.write("torn li")
                try first.commit(sync: false)
            }
            let second = try OutputFile(path: folder + "/out", resumeOffset: offset)
            try second.write("line 2\n")
            try second.publish()
            #expect(text(folder + "/out") == "line 1\nline 2\n")
        }
    }

    @Test func refusesToResumeWithoutThePartialFile() throws {
        try withTemporaryFolder { folder in
            #expect { try OutputFile(path: folder + "/out", resumeOffset: 10) } throws: { error in
                (error as? SinkError)?.kind == .corrupt
            }
        }
    }

    @Test func refusesToResumeAPartialFileShorterThanTheOffset() throws {
        try withTemporaryFolder { folder in
            do {
                let file = try OutputFile(path: folder + "/out")
                try file.write("abc")
                try file.commit(sync: false)
            }
            #expect { try OutputFile(path: folder + "/out", resumeOffset: 10) } throws: { error in
                (error as? SinkError)?.kind == .corrupt
            }
        }
    }

    @Test func reportsAnOutputThatCannotBeCreated() throws {
        try withTemporaryFolder { folder in
            #expect(FileManager.default.createFile(atPath: folder + "/plain", contents: Data()))
            #expect { try OutputFile(path: folder + "/plain/sub/out") } throws: { error in
                (error as? SinkError)?.kind == .cannotCreate
            }
        }
    }

    @Test func reportsAFailedPublishAsAnIOError() throws {
        try withTemporaryFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/out/inside", withIntermediateDirectories: true)
            let file = try OutputFile(path: folder + "/out")
            try file.write("data")
            #expect { try file.publish() } throws: { error in
                (error as? SinkError)?.kind == .io
            }
        }
    }
}

@Suite struct PathTemplateTests {
    let context = SinkContext(pipeline: "demo", runID: "r1", date: "2025-03-01")

    @Test func fillsEveryPlaceholder() {
        let template = PathTemplate("output/{pipeline}/{stream}/{account}-{date}-{run}.ndjson")
        #expect(
            template.resolve(stream: .mediaInsights, account: "me", context: context)
                == "output/demo/media_insights/me-2025-03-01-r1.ndjson"
        )
    }

    @Test func keepsValuesFromAddingFolders() {
        let template = PathTemplate("out/{account}.csv")
        #expect(template.resolve(stream: .media, account: "../etc/x", context: context) == "out/_._etc_x.csv")
    }

    @Test func findsTheStreamAndAccountOfAPathItProduced() {
        let template = PathTemplate("out/{pipeline}/{stream}/{account}.ndjson")
        let match = template.match("out/demo/media/17841.ndjson", context: context)
        #expect(match?.stream == .media)
        #expect(match?.account == "17841")
        #expect(template.match("out/other/media/17841.ndjson", context: context) == nil)
        #expect(template.match("out/demo/nope/17841.ndjson", context: context) == nil)
    }
}

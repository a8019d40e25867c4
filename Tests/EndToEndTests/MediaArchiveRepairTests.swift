import Foundation
import GraphEmulator
import TestSupport
import Testing

/// The archive mended: `run --verify-files` refetches what was damaged or lost, and a full disk stops the run
/// with exit 74 and leaves it to resume.
@Suite(.serialized, .tags(.slow)) struct MediaArchiveRepairTests {
    @Test func verifyFilesRefetchesADamagedAndAMissingFile() async throws {
        try await withTemporaryFolder { folder in
            try await withEmulator(MediaArchiveTests.emulator(CDNOptions())) { server in
                let environment = ["ARCHIVE_TOKEN": server.accounts[0].token]
                let output = folder.url.appendingPathComponent("out")
                let pipeline = try folder.write(
                    MediaArchiveTests.pipeline(output: output, server: server),
                    to: "p.yaml"
                )
                #expect(
                    try await Command(arguments: ["run", pipeline.path], environment: environment).run().status == 0
                )
                let archive = output.appendingPathComponent("archive")
                let manifest = archive.appendingPathComponent("manifest.ndjson")
                let entries = try MediaArchiveTests.entries(Data(contentsOf: manifest))
                let damaged = archive.appendingPathComponent(entries[0]["path"] as! String)
                let lost = archive.appendingPathComponent(entries[1]["path"] as! String)
                let original = try Data(contentsOf: damaged)
                try Data("not a picture".utf8).write(to: damaged)
                try FileManager.default.removeItem(at: lost)

                let plain = try await Command(arguments: ["run", pipeline.path], environment: environment).run()
                #expect(plain.status == 0)
                #expect(!FileManager.default.fileExists(atPath: lost.path), "a run without --verify-files refetched")

                let verify = try await Command(
                    arguments: ["run", "--verify-files", pipeline.path],
                    environment: environment
                )
                .run()
                #expect(verify.status == 0, "\(verify.stderr)")
                #expect(try Data(contentsOf: damaged) == original)
                #expect(FileManager.default.fileExists(atPath: lost.path))
                #expect(verify.stdout.contains(lost.path))
                let after = try MediaArchiveTests.entries(Data(contentsOf: manifest))
                #expect(after.count == entries.count + 2)
            }
        }
    }

    @Test func verifyFilesRepairsAnArchiveOfStoriesAlone() async throws {
        try await withTemporaryFolder { folder in
            try await withEmulator(MediaArchiveTests.emulator(CDNOptions())) { server in
                let output = folder.url.appendingPathComponent("out")
                let pipeline = try folder.write(
                    """
                    version: 1
                    name: stories
                    source:
                      api: \(server.baseURL)
                      token: ${env:ARCHIVE_TOKEN}
                    extract:
                      stories: {}
                    load:
                      - ndjson: {path: "\(output.path)/stories.ndjson"}
                      - files: {streams: [stories], path: "\(output.path)/archive/{date}_{id}.{ext}"}
                    checkpoint: {path: "\(output.path)/.state"}
                    """,
                    to: "p.yaml"
                )
                let command = Command(
                    arguments: ["run", pipeline.path],
                    environment: ["ARCHIVE_TOKEN": server.accounts[0].token]
                )
                #expect(try await command.run().status == 0)
                let manifest = output.appendingPathComponent("archive/manifest.ndjson")
                let entries = try MediaArchiveTests.entries(Data(contentsOf: manifest))
                try #require(!entries.isEmpty)
                try FileManager.default.removeItem(
                    at: output.appendingPathComponent("archive/" + (entries[0]["path"] as! String))
                )

                let verify = Command(
                    arguments: ["run", "--verify-files", pipeline.path],
                    environment: ["ARCHIVE_TOKEN": server.accounts[0].token]
                )
                #expect(try await verify.run().status == 0)
                // The repair's line reached the manifest, though the writer takes no media.
                #expect(try MediaArchiveTests.entries(Data(contentsOf: manifest)).count == entries.count + 1)
            }
        }
    }

    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func aFullDiskExits74AndTheNextRunCompletesTheArchive() async throws {
        try await withTemporaryFolder { folder in
            try await withEmulator(MediaArchiveTests.emulator(CDNOptions(imageBytes: 8_192, videoBytes: 32_768))) {
                server in
                let environment = ["ARCHIVE_TOKEN": server.accounts[0].token]
                let reference = folder.url.appendingPathComponent("reference")
                let referencePipeline = try folder.write(
                    MediaArchiveTests.pipeline(output: reference, server: server),
                    to: "r.yaml"
                )
                #expect(
                    try await Command(arguments: ["run", referencePipeline.path], environment: environment).run().status
                        == 0
                )
                let disk = folder.url.appendingPathComponent("disk")
                try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
                #expect(try Self.mount(["-t", "tmpfs", "-o", "size=256k", "tmpfs", disk.path]) == 0)
                defer { _ = try? Self.mount([disk.path], command: "/bin/umount") }
                let pipeline = try folder.write(MediaArchiveTests.pipeline(output: disk, server: server), to: "d.yaml")

                let full = try await Command(arguments: ["run", pipeline.path], environment: environment).run()
                #expect(full.status == 74, "\(full.stderr)")
                #expect(full.stderr.contains("No space left on device"))

                #expect(try Self.mount(["-o", "remount,size=16m", disk.path]) == 0)
                let resumed = try await Command(arguments: ["run", pipeline.path], environment: environment).run()
                #expect(resumed.status == 0, "\(resumed.stderr)")
                #expect(
                    try Data(contentsOf: disk.appendingPathComponent("archive/manifest.ndjson"))
                        == Data(contentsOf: reference.appendingPathComponent("archive/manifest.ndjson"))
                )
                let files = MediaArchiveTests.files(under: disk.appendingPathComponent("archive"))
                #expect(files.allSatisfy { !($0.split(separator: "/").last ?? "").hasPrefix(".") }, "\(files)")
            }
        }
    }

    private static func mount(_ arguments: [String], command: String = "/bin/mount") throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

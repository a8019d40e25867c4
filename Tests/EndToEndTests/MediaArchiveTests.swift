import Foundation
import GraphEmulator
import TestSupport
import Testing

/// The media archive as a user meets it: every file the records point at, downloaded once and whole, through
/// expired URLs, CDN failures and SIGKILLs.
@Suite(.serialized, .tags(.slow)) struct MediaArchiveTests {
    static let seed: UInt64 = 42

    /// Every URL a listing hands out is expired already: each file needs a refresh by id before it downloads.
    static func emulator(_ cdn: CDNOptions = CDNOptions(listedURLsExpired: true), log: String? = nil)
        -> EmulatorConfiguration
    {
        EmulatorConfiguration(seed: seed, mediaPerAccount: 40, requestLogPath: log, cdn: cdn)
    }

    static func pipeline(
        output: URL,
        server: GraphEmulatorServer,
        onPartial: String = "continue",
        concurrency: Int = 3
    ) -> String {
        """
        version: 1
        name: archive
        source:
          api: \(server.baseURL)
          token: ${env:ARCHIVE_TOKEN}
        http:
          retry: {max_attempts: 3, base_delay: 1ms, max_delay: 5ms}
        extract:
          media:
            fields: [id, media_type, media_url, thumbnail_url, timestamp]
            children: [id, media_type, media_url, thumbnail_url]
            page_size: 10
        transform: [normalize]
        load:
          - ndjson: {path: "\(output.path)/media.ndjson"}
          - files: {path: "\(output.path)/archive/{account}/{year}/{date}_{id}.{ext}", concurrency: \(concurrency)}
        checkpoint: {path: "\(output.path)/.state"}
        on_partial: \(onPartial)
        """
    }

    @Test func everyFileEndsWholeAndOnceThroughExpiredURLsAndKills() async throws {
        try await withTemporaryFolder { folder in
            let log = folder.url.appendingPathComponent("requests.ndjson").path
            try await withEmulator(Self.emulator(log: log)) { server in
                let environment = ["ARCHIVE_TOKEN": server.accounts[0].token]
                let reference = folder.url.appendingPathComponent("reference")
                let referencePipeline = try folder.write(Self.pipeline(output: reference, server: server), to: "r.yaml")
                let clean = try await Command(arguments: ["run", referencePipeline.path], environment: environment)
                    .run()
                #expect(clean.status == 0, "\(clean.stderr)")

                let chaos = folder.url.appendingPathComponent("chaos")
                let chaosPipeline = try folder.write(Self.pipeline(output: chaos, server: server), to: "c.yaml")
                let command = Command(arguments: ["run", chaosPipeline.path], environment: environment)
                let kills = [
                    "after-file-written:2", "after-file-rename:5", "after-commit:1", "after-file-written:7",
                    "mid-append:2", "after-file-rename:1", "after-commit:1",
                ]
                for point in kills {
                    guard try await command.runKilled(at: point) else { break }
                }
                let finish = try await command.run()
                #expect(finish.status == 0, "\(finish.stderr)")
                #expect(finish.stdout.contains("(resumed)"))

                let archive = chaos.appendingPathComponent("archive")
                let manifest = try Data(contentsOf: archive.appendingPathComponent("manifest.ndjson"))
                let expected = try Data(contentsOf: reference.appendingPathComponent("archive/manifest.ndjson"))
                #expect(manifest == expected)
                let entries = try Self.entries(manifest)
                #expect(entries.count > 40)
                #expect(Set(entries.map { "\($0["media_id"]!)/\($0["kind"]!)" }).count == entries.count)
                for entry in entries {
                    let path = archive.appendingPathComponent(entry["path"] as! String).path
                    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
                    let served = CDNOptions().body(
                        seed: Self.seed,
                        id: entry["media_id"] as! String,
                        kind: entry["kind"] as! String,
                        video: entry["content_type"] as? String == "video/mp4"
                    )
                    #expect(bytes == served, "\(path) differs from what the CDN served")
                    #expect(entry["bytes"] as? Int == bytes.count)
                    #expect(entry["sha256"] as? String == Self.sha256(path))
                }
                let files = Self.files(under: archive)
                #expect(files.filter { !$0.hasSuffix("manifest.ndjson") }.count == entries.count)
                #expect(files.allSatisfy { !($0.split(separator: "/").last ?? "").hasPrefix(".") }, "\(files)")
                // The records' CDN URLs carry the time they were listed at; their `files` must be the same.
                #expect(
                    try Self.withoutSignatures(chaos.appendingPathComponent("media.ndjson"))
                        == Self.withoutSignatures(reference.appendingPathComponent("media.ndjson"))
                )

                let requests = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
                let cdn = requests.filter { $0.contains("\"path\":\"\\/cdn\\/") }
                #expect(cdn.contains { $0.contains("\"status\":403") }, "no URL was refreshed")
                #expect(!cdn.contains { $0.contains("credentials") || $0.contains("access_token") })
            }
        }
    }

    @Test func aCDNThatKeepsFailingCountsFilesAsFailedAndFailsTheRunOnlyWithOnPartialFail() async throws {
        try await withTemporaryFolder { folder in
            try await withEmulator(Self.emulator(CDNOptions(http500: .every(1)))) { server in
                let environment = ["ARCHIVE_TOKEN": server.accounts[0].token]
                let output = folder.url.appendingPathComponent("out")
                let pipeline = try folder.write(Self.pipeline(output: output, server: server), to: "p.yaml")
                let metrics = folder.url.appendingPathComponent("metrics.prom").path
                let run = try await Command(
                    arguments: ["run", pipeline.path, "--metrics-file", metrics],
                    environment: environment
                ).run()
                #expect(run.status == 0, "\(run.stderr)")
                #expect(run.stdout.contains("media/files_failed="))
                #expect(run.stdout.contains("media/files_withheld="))
                let text = try String(contentsOfFile: metrics, encoding: .utf8)
                let failed = text.split(separator: "\n").first { $0.hasPrefix("igexport_files_failed_total{") }
                #expect(failed.map { !$0.hasSuffix(" 0") } == true, "\(text)")
                #expect(!run.stderr.contains("oh=00_"), "a CDN signature reached the log")

                let strict = folder.url.appendingPathComponent("strict")
                let strictPipeline = try folder.write(
                    Self.pipeline(output: strict, server: server, onPartial: "fail"),
                    to: "s.yaml"
                )
                let failing = try await Command(arguments: ["run", strictPipeline.path], environment: environment).run()
                #expect(failing.status == 65, "\(failing.stderr)")
            }
        }
    }

    @Test func aFileRenamedIntoPlaceBeforeAKillIsNotDownloadedAgain() async throws {
        try await withTemporaryFolder { folder in
            let log = folder.url.appendingPathComponent("requests.ndjson").path
            try await withEmulator(Self.emulator(CDNOptions(), log: log)) { server in
                let output = folder.url.appendingPathComponent("out")
                // One download at a time, so that the kill leaves no other download half done.
                let pipeline = try folder.write(
                    Self.pipeline(output: output, server: server, concurrency: 1),
                    to: "p.yaml"
                )
                let command = Command(
                    arguments: ["run", pipeline.path],
                    environment: ["ARCHIVE_TOKEN": server.accounts[0].token]
                )
                // The fifth file of the first page is in place; the page is not committed.
                #expect(try await command.runKilled(at: "after-file-rename:5"))
                let finish = try await command.run()
                #expect(finish.status == 0, "\(finish.stderr)")

                let served = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
                    .filter { $0.contains("\"path\":\"\\/cdn\\/") && $0.contains("\"status\":200") }
                    .compactMap { $0.firstMatch(of: /"path":"([^"]+)"/).map { String($0.1) } }
                #expect(served.count > 5)
                #expect(Set(served).count == served.count, "downloaded twice: \(served.sorted())")
            }
        }
    }

    @Test func aTemporaryFileLeftInAnArchivedFolderIsSweptByARunWithNothingToFetch() async throws {
        try await withTemporaryFolder { folder in
            try await withEmulator(Self.emulator(CDNOptions())) { server in
                let environment = ["ARCHIVE_TOKEN": server.accounts[0].token]
                let output = folder.url.appendingPathComponent("out")
                let pipeline = try folder.write(Self.pipeline(output: output, server: server), to: "p.yaml")
                let first = try await Command(arguments: ["run", pipeline.path], environment: environment).run()
                #expect(first.status == 0, "\(first.stderr)")
                // A download cut short of a post deleted since: nothing will be written into its folder again.
                let archive = output.appendingPathComponent("archive")
                let folder = try #require(Self.files(under: archive).first { !$0.hasSuffix("manifest.ndjson") })
                let stale = archive.appendingPathComponent(folder).deletingLastPathComponent()
                    .appendingPathComponent(".2020-01-01_17999999999999999.download")
                try Data("partial".utf8).write(to: stale)

                let again = try await Command(arguments: ["run", pipeline.path], environment: environment).run()
                #expect(again.status == 0, "\(again.stderr)")
                #expect(!FileManager.default.fileExists(atPath: stale.path))
            }
        }
    }

    @Test func withheldMediaAloneDoNotFailAStrictRun() async throws {
        try await withTemporaryFolder { folder in
            try await withEmulator(Self.emulator(CDNOptions())) { server in
                let environment = ["ARCHIVE_TOKEN": server.accounts[0].token]
                let output = folder.url.appendingPathComponent("out")
                let pipeline = try folder.write(
                    Self.pipeline(output: output, server: server, onPartial: "fail"),
                    to: "p.yaml"
                )
                let run = try await Command(arguments: ["run", pipeline.path], environment: environment).run()
                #expect(run.status == 0, "\(run.stderr)")
                #expect(run.stdout.contains("media/files_withheld="))
                let again = try await Command(arguments: ["run", pipeline.path], environment: environment).run()
                #expect(again.status == 0)
                // Nothing new to fetch: the run publishes its records and the manifest, and no archive file.
                #expect(again.stdout.contains("archive/manifest.ndjson") && !again.stdout.contains("archive/me/"))
            }
        }
    }

    static func withoutSignatures(_ file: URL) throws -> String {
        try String(contentsOf: file, encoding: .utf8)
            .replacing(/oh=00_[0-9a-f]+/, with: "oh=")
            .replacing(/oe=[0-9a-f]+/, with: "oe=")
    }

    static func entries(_ manifest: Data) throws -> [[String: Any]] {
        try String(decoding: manifest, as: UTF8.self).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    static func files(under folder: URL) -> [String] {
        // Output locks (`.<name>.lock`) stay, as every writer's do; nothing else hidden may.
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var files: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(name).path,
                isDirectory: &isFolder
            )
            if exists, !isFolder.boolValue, !name.hasSuffix(".lock") { files.append(name) }
        }
        return files
    }

    static func sha256(_ path: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init)
    }
}

import Foundation
import GraphEmulator
import TestSupport
import Testing

/// Publishing `s3://` outputs to moto's S3 server, signature checks on: killed during extraction, between
/// uploads and in the middle of a multipart upload, the bucket ends byte-identical to a local run's files,
/// archived media included.
@Suite(.serialized, .tags(.slow), .enabled(if: MotoServer.isAvailable)) struct ObjectStorageTests {
    static let emulator = EmulatorConfiguration(
        seed: 16,
        mediaPerAccount: 150,
        clock: ManualEmulatorClock(),
        cdn: CDNOptions(imageBytes: 1_024)
    )

    /// The same pipeline writing to `base` (a folder, or `s3://BUCKET/PREFIX`), with a catalog and a manifest.
    /// Objects above 2 KiB go as multipart uploads of 1 KiB parts.
    static func pipeline(base: String, state: String, server: GraphEmulatorServer, storage: MotoServer?) -> String {
        let storageSection =
            storage.map {
                """
                storage:
                  endpoint: \($0.endpoint)
                  access_key: ${env:S3_ACCESS}
                  secret_key: ${env:S3_SECRET}
                  multipart_threshold: 2KiB
                  part_size: 1KiB
                """
            } ?? ""
        return """
            version: 1
            name: s3-chaos
            source:
              api: \(server.baseURL)
              token: ${env:CHAOS_TOKEN}
            extract:
              profile: {}
              media: {page_size: 25}
            load:
              - ndjson: {path: "\(base)/{stream}/part.ndjson"}
              - csv: {stream: media, path: "\(base)/media_csv/media.csv.gz", compression: gzip}
              - files: {path: "\(base)/archive/{id}.{ext}", thumbnails: false, children: false}
            catalog: {path: "\(base)/_catalog"}
            manifest: {path: "\(base)/_manifest.json"}
            checkpoint: {path: "\(state)"}
            \(storageSection)
            """
    }

    /// Every regular file under `folder`, by path relative to it, but the hidden ones (output locks).
    static func files(under folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = folder + "/" + name
            let hidden = name.split(separator: "/").last?.hasPrefix(".") == true
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue, !hidden
            {
                result[name] = FileManager.default.contents(atPath: path)
            }
        }
        return result
    }

    @Test func theBucketIsByteIdenticalToALocalRunAfterKills() async throws {
        try await MotoServer.with { storage in
            try await withTemporaryFolder { folder in
                try await withEmulator(Self.emulator) { server in
                    let environment = [
                        "CHAOS_TOKEN": server.accounts[0].token, "S3_ACCESS": storage.accessKey,
                        "S3_SECRET": storage.secretKey,
                    ]
                    let local = try folder.write(
                        Self.pipeline(
                            base: folder + "/local",
                            state: folder + "/local-state",
                            server: server,
                            storage: nil
                        ),
                        to: "local.yaml"
                    )
                    let clean = try await Command(arguments: ["run", local.path], environment: environment).run()
                    #expect(clean.status == 0, "\(clean.stderr)")

                    let remote = try folder.write(
                        Self.pipeline(
                            base: "s3://\(storage.bucket)/lake",
                            state: folder + "/state",
                            server: server,
                            storage: storage
                        ),
                        to: "remote.yaml"
                    )
                    let command = Command(arguments: ["run", remote.path], environment: environment)
                    for point in [
                        "after-commit:3", "after-file-rename:40", "between-parts:2", "between-uploads:2",
                        "between-uploads:60", "between-parts:3",
                    ] {
                        #expect(try await command.runKilled(at: point), "killed at \(point)")
                    }
                    let final = try await command.run()
                    #expect(final.status == 0, "\(final.stderr)")
                    #expect(!final.stderr.contains(storage.secretKey))

                    let expected = try Self.files(under: folder + "/local")
                    let (keys, openUploads) = try await storage.keys()
                    let wanted = Set(expected.keys.map { "lake/" + $0 })
                    #expect(Set(keys) == wanted, "\(Set(keys).symmetricDifference(wanted))")
                    #expect(openUploads == 0)
                    for (name, bytes) in expected where name != "_manifest.json" {
                        #expect(try await storage.object("lake/" + name) == [UInt8](bytes), "\(name)")
                    }
                    // The manifest names its run and times, so it is compared with the one staged for upload.
                    let staged = FileManager.default.contents(
                        atPath: folder + "/state/staging/\(storage.bucket)/lake/_manifest.json"
                    )
                    #expect(try await storage.object("lake/_manifest.json") == staged.map { [UInt8]($0) })
                }
            }
        }
    }

    @Test func aWrongSecretExits77WithoutPrintingIt() async throws {
        try await MotoServer.with { storage in
            try await withTemporaryFolder { folder in
                try await withEmulator(EmulatorConfiguration(seed: 3, mediaPerAccount: 5, cdn: CDNOptions())) {
                    server in
                    let secret = "not-the-secret-\(UUID().uuidString)"
                    let pipeline = try folder.write(
                        Self.pipeline(
                            base: "s3://\(storage.bucket)/lake",
                            state: folder + "/state",
                            server: server,
                            storage: storage
                        ),
                        to: "p.yaml"
                    )
                    let environment = [
                        "CHAOS_TOKEN": server.accounts[0].token, "S3_ACCESS": storage.accessKey, "S3_SECRET": secret,
                    ]
                    let result = try await Command(arguments: ["run", pipeline.path], environment: environment).run()
                    #expect(result.status == 77, "\(result.stderr)")
                    #expect(result.stderr.contains(storage.bucket))
                    #expect(!result.stderr.contains(secret) && !result.stdout.contains(secret))
                    let state = try Self.files(under: folder + "/state").filter { !$0.key.hasPrefix("staging/") }
                    #expect(!state.values.contains { String(decoding: $0, as: UTF8.self).contains(secret) })
                }
            }
        }
    }

    @Test func aMissingBucketExits73() async throws {
        try await MotoServer.with { storage in
            try await withTemporaryFolder { folder in
                try await withEmulator(EmulatorConfiguration(seed: 3, mediaPerAccount: 5, cdn: CDNOptions())) {
                    server in
                    let pipeline = try folder.write(
                        Self.pipeline(
                            base: "s3://no-such-bucket-here/lake",
                            state: folder + "/state",
                            server: server,
                            storage: storage
                        ),
                        to: "p.yaml"
                    )
                    let environment = [
                        "CHAOS_TOKEN": server.accounts[0].token, "S3_ACCESS": storage.accessKey,
                        "S3_SECRET": storage.secretKey,
                    ]
                    let result = try await Command(arguments: ["run", pipeline.path], environment: environment).run()
                    #expect(result.status == 73, "\(result.stderr)")
                    #expect(result.stderr.contains("no-such-bucket-here"))
                }
            }
        }
    }
}

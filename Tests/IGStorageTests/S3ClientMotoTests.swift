import Foundation
import IGCore
import IGGraph
import IGStorage
import TestSupport
import Testing

/// The client against moto's S3 server with signature checks on.
@Suite(.serialized, .enabled(if: MotoServer.isAvailable)) struct S3ClientMotoTests {
    static func client(_ server: MotoServer, secret: String? = nil, staging: String = "/nonexistent") throws -> S3Client
    {
        var config = StorageConfig(
            endpoint: server.endpoint,
            region: "us-east-1",
            addressing: .path,
            credentials: StorageCredentials(
                accessKey: Secret(value: server.accessKey, source: "test"),
                secretKey: Secret(value: secret ?? server.secretKey, source: "test")
            ),
            stagingRoot: staging
        )
        config.multipartThreshold = 4096
        config.partSize = 1024
        var retry = RetryConfig()
        retry.maxAttempts = 2
        retry.baseDelay = .zero
        return S3Client(
            config: config,
            http: try CurlClient(configuration: .init(version: "test", http: HTTPConfig())),
            retry: RetryPolicy(retry),
            clock: ManualClock()
        )
    }

    @Test func publishesSmallAndMultipartObjectsOnceEach() async throws {
        try await MotoServer.with { server in
            try await withTemporaryFolder { folder in
                let staging = folder + "/staging"
                let small = Array("id,caption\n1,hello\n".utf8)
                let large = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
                for (key, bytes) in [("ig/small.csv", small), ("ig/dt=1/large.bin", large)] {
                    let path = staging + "/\(server.bucket)/" + key
                    try FileManager.default.createDirectory(
                        atPath: (path as NSString).deletingLastPathComponent,
                        withIntermediateDirectories: true
                    )
                    try Data(bytes).write(to: URL(fileURLWithPath: path))
                }
                let publisher = ObjectPublisher(
                    client: try Self.client(server, staging: staging),
                    ledgerPath: folder + "/uploads.json",
                    concurrency: 2
                )
                let files = [
                    staging + "/\(server.bucket)/ig/small.csv", staging + "/\(server.bucket)/ig/dt=1/large.bin",
                    folder + "/local-only.csv",
                ]
                let sent = try await publisher.upload([files])
                #expect(sent.count == 2)
                #expect(try await server.object("ig/small.csv") == small)
                #expect(try await server.object("ig/dt=1/large.bin") == large)
                #expect(try await server.keys().openUploads == 0)
                // Published again: the ledger knows both objects, so nothing is sent.
                #expect(try await publisher.upload([files]).isEmpty)
            }
        }
    }

    @Test func aMultipartUploadResumesFromItsLedger() async throws {
        try await MotoServer.with { server in
            try await withTemporaryFolder { folder in
                let staging = folder + "/staging"
                let bytes = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
                let path = staging + "/\(server.bucket)/big.bin"
                try FileManager.default.createDirectory(
                    atPath: staging + "/\(server.bucket)",
                    withIntermediateDirectories: true
                )
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                let client = try Self.client(server, staging: staging)
                let location = ObjectLocation(bucket: server.bucket, key: "big.bin")
                // A publish that died after its first two parts.
                let id = try await client.createMultipartUpload(location)
                var upload = UploadLedger.Multipart(
                    uploadID: id,
                    sha256: S3Client.Digest(of: bytes).sha256,
                    partSize: 1024
                )
                for number in 1...2 {
                    let part = Array(bytes[(number - 1) * 1024..<number * 1024])
                    upload.etags[number] = try await client.uploadPart(
                        location,
                        uploadID: id,
                        number: number,
                        body: .bytes(part),
                        digest: S3Client.Digest(of: part)
                    )
                }
                var ledger = UploadLedger()
                ledger.multipart[location.description] = upload
                try ledger.save(folder + "/uploads.json")

                let publisher = ObjectPublisher(client: client, ledgerPath: folder + "/uploads.json", concurrency: 1)
                #expect(try await publisher.upload([[path]]) == [location])
                #expect(try await server.object("big.bin") == bytes)
                #expect(try UploadLedger.load(folder + "/uploads.json").multipart.isEmpty)
                #expect(try await server.keys().openUploads == 0)
            }
        }
    }

    @Test func aWrongSecretIsAnAuthErrorThatNamesTheBucketNotTheSecret() async throws {
        try await MotoServer.with { server in
            let client = try Self.client(server, secret: "wrong-secret-value")
            let error = await #expect(throws: StorageError.self) {
                try await client.put(
                    ObjectLocation(bucket: server.bucket, key: "probe"),
                    body: .bytes([]),
                    digest: S3Client.Digest(of: [])
                )
            }
            #expect(error?.kind == .auth)
            #expect(error?.code == "SignatureDoesNotMatch")
            #expect(error?.message.contains(server.bucket) == true)
            #expect(error?.message.contains("wrong-secret-value") == false)
        }
    }

    @Test func aMissingBucketIsNoSuchBucket() async throws {
        try await MotoServer.with { server in
            let client = try Self.client(server)
            let error = await #expect(throws: StorageError.self) {
                try await client.put(
                    ObjectLocation(bucket: "no-such-bucket", key: "probe"),
                    body: .bytes([]),
                    digest: S3Client.Digest(of: [])
                )
            }
            #expect(error?.kind == .noSuchBucket)
        }
    }

    @Test func anOrphanedUploadOfAKeyIsAbortedBeforeItIsUploadedAgain() async throws {
        try await MotoServer.with { server in
            try await withTemporaryFolder { folder in
                let staging = folder + "/staging"
                let path = staging + "/\(server.bucket)/ig/large.bin"
                try FileManager.default.createDirectory(
                    atPath: staging + "/\(server.bucket)/ig",
                    withIntermediateDirectories: true
                )
                let bytes = (0..<6_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                let client = try Self.client(server, staging: staging)
                let location = ObjectLocation(bucket: server.bucket, key: "ig/large.bin")
                // A process killed after CreateMultipartUpload answered and before the ledger saved the id.
                let orphan = try await client.createMultipartUpload(location)
                let other = try await client.createMultipartUpload(
                    ObjectLocation(bucket: server.bucket, key: "ig/large")
                )
                #expect(try await client.multipartUploads(of: location) == [orphan])

                let publisher = ObjectPublisher(client: client, ledgerPath: folder + "/uploads.json", concurrency: 1)
                try await publisher.upload([[path]])
                #expect(try await server.object("ig/large.bin") == bytes)
                #expect(try await client.multipartUploads(of: location).isEmpty)
                // An upload of another key, even one the key begins with, is left alone.
                #expect(
                    try await client.multipartUploads(of: ObjectLocation(bucket: server.bucket, key: "ig/large")) == [
                        other
                    ]
                )
            }
        }
    }
}

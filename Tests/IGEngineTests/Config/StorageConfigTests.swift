import IGCore
import IGEngine
import IGStorage
import Testing

@Suite struct StorageConfigTests {
    static func parse(_ load: String, storage: String = "", environment: [String: String] = [:]) throws
        -> PipelineConfig
    {
        try PipelineConfig.parse(
            yaml: """
                version: 1
                name: lake
                source: {api: emulator}
                extract: {media: {}}
                load:
                  - \(load)
                checkpoint: {path: /tmp/igexport-state/lake}
                \(storage)
                """,
            file: "lake.yaml",
            environment: environment
        )
    }

    static let keys = ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "very-secret"]

    @Test func anS3PathIsStagedUnderTheStateFolder() throws {
        let config = try Self.parse(
            "csv: {path: \"s3://my-lake/ig/dt={date}/media.csv\"}",
            environment: Self.keys.merging(["AWS_REGION": "eu-west-1"]) { $1 }
        )
        #expect(config.load[0].path == "/tmp/igexport-state/lake/staging/my-lake/ig/dt={date}/media.csv")
        let storage = try #require(config.storage)
        #expect(storage.endpoint == "https://s3.eu-west-1.amazonaws.com")
        #expect(storage.region == "eu-west-1")
        #expect(storage.addressing == .virtual)
        #expect(storage.credentials.secretKey.value == "very-secret")
        #expect(storage.multipartThreshold == 64 << 20)
    }

    @Test func validateShowsTheObjectsAndTheStorageButNeitherKey() throws {
        let config = try Self.parse(
            "ndjson: {path: \"s3://my-lake/ig/{stream}.ndjson\"}",
            environment: Self.keys.merging(["AWS_REGION": "eu-west-1"]) { $1 }
        )
        let text = config.resolvedDescription
        #expect(text.contains("path: \"s3://my-lake/ig/{stream}.ndjson\""), "\(text)")
        #expect(!text.contains("staging/my-lake"))
        #expect(text.contains("storage:\n  endpoint: https://s3.eu-west-1.amazonaws.com\n  region: eu-west-1"))
        #expect(!text.contains("very-secret") && !text.contains("AKIDEXAMPLE"))
    }

    @Test func theStorageSectionNamesEndpointKeysAndSizes() throws {
        let config = try Self.parse(
            "ndjson: {path: \"s3://lake/media.ndjson\"}",
            storage: """
                storage:
                  endpoint: http://127.0.0.1:9000/
                  access_key: ${env:MINIO_KEY}
                  secret_key: ${env:MINIO_SECRET}
                  multipart_threshold: 8MiB
                  part_size: 5MiB
                """,
            environment: ["MINIO_KEY": "minio", "MINIO_SECRET": "minio-secret"]
        )
        let storage = try #require(config.storage)
        #expect(storage.endpoint == "http://127.0.0.1:9000")
        #expect(storage.addressing == .path)
        #expect(storage.credentials.accessKey.value == "minio")
        #expect(storage.multipartThreshold == 8 << 20)
        #expect(storage.partSize == 5 << 20)
    }

    @Test func mistakesNameTheKeyAndLine() {
        let cases: [(load: String, storage: String, environment: [String: String], message: String)] = [
            ("csv: {path: \"s3://My_Lake/a.csv\"}", "", Self.keys, "is not a bucket name"),
            ("csv: {path: \"s3://lake\"}", "", Self.keys, "with a key after the bucket"),
            ("csv: {path: \"s3://lake/../a.csv\"}", "", Self.keys, "without '.' or '..' parts"),
            ("csv: {path: \"s3://lake/a.csv\"}", "", ["HOME": "/nonexistent"], "no storage credentials"),
            (
                "csv: {path: \"s3://lake/a.csv\"}", "storage: {endpoint: \"http://minio.example.com\"}", Self.keys,
                "plain http:// is allowed only to loopback"
            ),
            (
                "csv: {path: \"s3://lake/a.csv\"}", "storage: {access_key: \"${env:K}\"}", ["K": "k"],
                "give both storage.access_key and storage.secret_key"
            ),
            ("csv: {path: \"s3://lake/a.csv\"}", "storage: {part_size: lots}", Self.keys, "expected a size in bytes"),
        ]
        for item in cases {
            #expect {
                try Self.parse(item.load, storage: item.storage, environment: item.environment)
            } throws: { error in
                let text = "\(error)"
                return error is ConfigError && text.contains(item.message) && text.contains("lake.yaml:")
                    && !text.contains("very-secret")
            }
        }
    }
}

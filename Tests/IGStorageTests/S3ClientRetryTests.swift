import IGCore
import IGGraph
import IGStorage
import TestSupport
import Testing

/// Retries and signing, against a scripted server: no moto needed.
@Suite struct S3ClientRetryTests {
    static func client(_ server: ScriptedServer, clock: ManualClock, attempts: Int) throws -> S3Client {
        var retry = RetryConfig()
        retry.maxAttempts = attempts
        retry.baseDelay = .seconds(1)
        retry.maxDelay = .seconds(4)
        return S3Client(
            config: StorageConfig(
                endpoint: server.url,
                region: "eu-west-1",
                addressing: .path,
                credentials: StorageCredentials(
                    accessKey: Secret(value: "AKIDEXAMPLE", source: "test"),
                    secretKey: Secret(value: "the-secret-key", source: "test")
                ),
                stagingRoot: "/nonexistent"
            ),
            http: try CurlClient(configuration: .init(version: "test", http: HTTPConfig())),
            retry: RetryPolicy(retry),
            clock: clock
        )
    }

    static func s3Error(_ code: String, status: Int) -> ScriptedServer.Response {
        .json("<Error><Code>\(code)</Code><Message>try later</Message></Error>", status: status)
    }

    @Test func slowDownAndServerErrorsAreRetriedOnTheInjectedClock() async throws {
        let server = try ScriptedServer([
            Self.s3Error("SlowDown", status: 503), Self.s3Error("InternalError", status: 500),
            .json("", status: 200),
        ])
        let clock = ManualClock()
        let client = try Self.client(server, clock: clock, attempts: 3)
        try await client.put(
            ObjectLocation(bucket: "lake", key: "a b.csv"),
            body: .bytes([]),
            digest: S3Client.Digest(of: [])
        )
        #expect(clock.sleeps.count == 2)
        let request = try #require(server.requests.last)
        #expect(request.target == "/lake/a%20b.csv")
        #expect(request.headers["x-amz-content-sha256"] == S3Client.Digest(of: []).sha256)
        #expect(request.headers["content-md5"] == "1B2M2Y8AsgTpgAmY7PhCfg==")
        let authorization = request.headers["authorization"] ?? ""
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"))
        #expect(authorization.contains("/eu-west-1/s3/aws4_request"))
        #expect(!server.requests.contains { $0.headers.values.contains { $0.contains("the-secret-key") } })
    }

    @Test func aServiceThatKeepsFailingIsUnavailableAfterEveryAttempt() async throws {
        let server = try ScriptedServer([Self.s3Error("SlowDown", status: 503), Self.s3Error("SlowDown", status: 503)])
        let clock = ManualClock()
        let client = try Self.client(server, clock: clock, attempts: 2)
        let error = await #expect(throws: StorageError.self) {
            try await client.delete(ObjectLocation(bucket: "lake", key: "probe"))
        }
        #expect(error?.kind == .unavailable)
        #expect(error?.message.contains("after 2 attempts") == true)
        #expect(server.requests.count == 2)
    }
}

import Foundation
import IGCore
import IGEngine
import IGGraph
import IGOps
import IGStorage
import TestSupport
import Testing

@Suite struct ObjectStoragePlanTests {
    static func config(endpoint: String, secret: String) throws -> PipelineConfig {
        try PipelineConfig.parse(
            yaml: """
                version: 1
                name: lake
                source: {api: "http://127.0.0.1:9", token: "${env:T}", accounts: [me]}
                extract: {media: {}}
                load:
                  - csv: {path: "s3://igexport-test/ig/{date}/media.csv"}
                manifest: {path: "s3://igexport-test/ig/_manifest.json"}
                checkpoint: {path: /tmp/igexport-plan-state/lake}
                storage: {endpoint: "\(endpoint)", access_key: "${env:K}", secret_key: "${env:S}"}
                """,
            file: "lake.yaml",
            environment: ["K": "AKIDEXAMPLE", "S": secret, "T": "IGAAtoken"]
        )
    }

    @Test func aDryRunShowsTheObjectKeys() throws {
        let config = try Self.config(endpoint: "http://127.0.0.1:9000", secret: "plan-secret")
        let text = RunPlan(
            config: config,
            source: try ResolvedSource(config.source),
            state: nil,
            fresh: false,
            now: Date(timeIntervalSince1970: 1_780_000_000)
        ).text
        #expect(text.contains("  s3://igexport-test/ig/2026-05-28/media.csv (csv)"), "\(text)")
        #expect(text.contains("storage: http://127.0.0.1:9000 (region us-east-1, path-style)"))
        #expect(!text.contains("plan-secret"))
    }

    @Test(.enabled(if: MotoServer.isAvailable)) func theCheckWritesAndDeletesAProbeObject() async throws {
        try await MotoServer.with { server in
            let config = try Self.config(endpoint: server.endpoint, secret: server.secretKey)
            var storage = try #require(config.storage)
            storage.credentials.accessKey = Secret(value: server.accessKey, source: "test")
            var adjusted = config
            adjusted.storage = storage
            let checks = try BucketCheck.checks(config: adjusted, clock: ManualClock())
            #expect(checks.count == 1)
            let results = await checks[0].run()
            #expect(results.map(\.status) == [.ok])
            #expect(results.first?.summary.contains("s3://igexport-test/ig/.igexport-probe-") == true)
            #expect(try await server.keys().keys.isEmpty)
        }
    }

    @Test(.enabled(if: MotoServer.isAvailable)) func theCheckReportsRefusedCredentials() async throws {
        try await MotoServer.with { server in
            var config = try Self.config(endpoint: server.endpoint, secret: "wrong-secret")
            config.storage?.credentials.accessKey = Secret(value: server.accessKey, source: "test")
            let results = try await BucketCheck.checks(config: config, clock: ManualClock())[0].run()
            #expect(results.map(\.status) == [.refused])
            #expect((results.first?.failure as? StorageError)?.kind == .auth)
            #expect(results.first?.summary.contains("wrong-secret") == false)
        }
    }
}

import Foundation
import Testing

@testable import IGCore
@testable import IGEngine
@testable import IGGraph

struct PipelineConfigTests {
    static let pipelinesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("pipelines")

    @Test(arguments: ["demo.yaml", "archive.yaml", "warehouse.yaml", "feed.yaml"])
    func everyShippedPipelineLoads(file: String) throws {
        let path = Self.pipelinesFolder.appendingPathComponent(file).path
        let config = try PipelineConfig.load(path: path, environment: ["IG_ACCESS_TOKEN": "IGAAtest"])
        #expect(config.name == file.replacingOccurrences(of: ".yaml", with: ""))
        #expect(!config.load.isEmpty)
        #expect(!config.extract.streams.isEmpty)
    }

    @Test func theDemoUsesTheEmulatorAndAllFourWriters() throws {
        let path = Self.pipelinesFolder.appendingPathComponent("demo.yaml").path
        let config = try PipelineConfig.load(path: path, environment: [:])
        #expect(config.source.api == .emulator)
        #expect(Set(config.load.map(\.format)) == Set(SinkConfig.Format.allCases))
        #expect(config.load.allSatisfy { $0.path.hasPrefix("output/demo/") })
    }

    @Test func defaultsFillEveryKeyLeftOut() throws {
        let config = try PipelineConfig.parse(
            yaml: """
                version: 1
                name: minimal
                source: {token: "${env:T}"}
                extract: {media: {}}
                load: [{ndjson: {path: out.ndjson}}]
                """,
            file: "minimal.yaml",
            environment: ["T": "secret-token"]
        )
        #expect(config.source.api == .url("https://graph.instagram.com"))
        #expect(config.source.apiVersion == "v23.0")
        #expect(config.source.accounts == [AccountConfig(id: "me")])
        #expect(config.http == HTTPConfig())
        #expect(config.extract.media == MediaConfig())
        #expect(config.checkpoint.path == "output/.state/minimal")
        #expect(config.load[0].streams == [.media])
    }

    @Test func secretsResolveFromTheEnvironmentAndFiles() throws {
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
        try "IGAAfromfile\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: tokenFile) }
        let config = try PipelineConfig.parse(
            yaml: """
                version: 1
                name: secrets
                source:
                  token: ${env:IG_TOKEN}
                  accounts: [me, {id: "17841400000000001", token: "${file:\(tokenFile.path)}"}]
                extract: {media: {}}
                load: [{ndjson: {path: "out/{account}.ndjson"}}]
                """,
            file: "secrets.yaml",
            environment: ["IG_TOKEN": "IGAAfromenv"]
        )
        #expect(config.source.token?.value == "IGAAfromenv")
        #expect(config.source.accounts[1].token?.value == "IGAAfromfile")
    }

    @Test func theResolvedDescriptionNeverShowsTheToken() throws {
        let config = try PipelineConfig.parse(
            yaml: """
                version: 1
                name: redact
                source: {token: "${env:IG_TOKEN}"}
                extract: {media: {}}
                load: [{ndjson: {path: out.ndjson}}]
                """,
            file: "redact.yaml",
            environment: ["IG_TOKEN": "IGAAsupersecret123"]
        )
        #expect(!config.resolvedDescription.contains("IGAAsupersecret123"))
        #expect(config.resolvedDescription.contains("${env:IG_TOKEN}"))
        #expect("\(config.source.token!)" == "<redacted>")
    }

    @Test func filterConditionsParseOperatorsAndLists() throws {
        let config = try PipelineConfig.parse(
            yaml: """
                version: 1
                name: filters
                source: {token: "${env:T}"}
                extract: {media: {}}
                transform:
                  - filter: media_type in [IMAGE, CAROUSEL_ALBUM]
                  - filter: timestamp >= 2025-01-01
                  - filter: "caption not in ['a', \\"b\\"]"
                load: [{ndjson: {path: out.ndjson}}]
                """,
            file: "filters.yaml",
            environment: ["T": "x"]
        )
        #expect(
            config.transform == [
                .filter(FilterCondition(field: "media_type", op: .isIn, values: ["IMAGE", "CAROUSEL_ALBUM"])),
                .filter(FilterCondition(field: "timestamp", op: .greaterOrEqual, values: ["2025-01-01"])),
                .filter(FilterCondition(field: "caption", op: .notIn, values: ["a", "b"])),
            ]
        )
    }

    @Test(arguments: [
        ("500ms", Duration.milliseconds(500)), ("30s", .seconds(30)), ("2m", .seconds(120)), ("1h", .seconds(3600)),
        ("3d", .seconds(259_200)), ("1.5s", .milliseconds(1500)), ("36500d", .configMaximum),
    ])
    func durationsParse(text: String, expected: Duration) {
        #expect(Duration(configText: text) == expected)
        #expect(Duration(configText: expected.configText) == expected)
    }

    @Test(arguments: ["30", "s", "-1s", "1x", "1 s", "", "ms", "999999999999d", "36501d", "9223372036854775808ms"])
    func badDurationsAreRefused(text: String) {
        #expect(Duration(configText: text) == nil)
    }
}

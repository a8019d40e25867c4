import Foundation
import TestSupport
import Testing

@Suite(.tags(.slow)) struct CommandLineTests {
    @Test func helpListsEveryExitCode() async throws {
        let result = try await Command(arguments: ["--help"]).run()
        #expect(result.status == 0)
        for code in ["64", "65", "69", "70", "73", "74", "75", "77", "78"] {
            #expect(result.stdout.contains("  \(code)  "), "exit code \(code) missing from --help")
        }
    }

    @Test func versionPrintsTheVersion() async throws {
        let result = try await Command(arguments: ["--version"]).run()
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test(arguments: ["demo.yaml", "archive.yaml", "warehouse.yaml", "feed.yaml", "media.yaml"])
    func everyShippedPipelineValidates(file: String) async throws {
        let result = try await Command(
            arguments: ["validate", "pipelines/\(file)"],
            environment: ["IG_ACCESS_TOKEN": "IGAAe2eSecretToken"]
        ).run()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("name: \(file.replacingOccurrences(of: ".yaml", with: ""))"))
        #expect(!result.stdout.contains("IGAAe2eSecretToken"))
    }

    @Test func aBadConfigNamesItsKeyAndLineAndExits78() async throws {
        try await withTemporaryFolder { folder in
            let file = try folder.write(
                """
                version: 1
                name: typo
                source: {api: emulator}
                extract: {media: {}}
                load:
                  - csv: {stream: media, path: out.csv, dialect: tsv}
                """,
                to: "typo.yaml"
            )
            let result = try await Command(arguments: ["validate", file.path]).run()
            #expect(result.status == 78)
            #expect(result.stderr.contains("typo.yaml:6:"))
            #expect(result.stderr.contains("load[0].csv.dialect"))
            let run = try await Command(arguments: ["run", file.path]).run()
            #expect(run.status == 78)
        }
    }

    @Test func aMissingTokenVariableExits78WithoutAnyRequest() async throws {
        let result = try await Command(
            arguments: ["run", "pipelines/archive.yaml"],
            environment: ["IG_ACCESS_TOKEN": ""]
        ).run()
        #expect(result.status == 78)
        #expect(result.stderr.contains("IG_ACCESS_TOKEN is empty"))
    }

    @Test func unknownOptionsExit64() async throws {
        let result = try await Command(arguments: ["run", "--no-such-flag", "pipelines/demo.yaml"]).run()
        #expect(result.status == 64)
    }
}

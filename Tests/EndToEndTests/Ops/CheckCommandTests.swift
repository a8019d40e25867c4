import Foundation
import TestSupport
import Testing

extension OpsEndToEndTests {
    /// `igexport check` run as a user would before a first run, against the built-in emulator in its realistic
    /// profile.
    @Suite struct CheckCommandTests {
        /// A pipeline with every stream on against `api: emulator` (realistic), with `faults`.
        static func pipeline(in folder: TemporaryFolder, faults: String = "") throws -> String {
            try folder.write(
                """
                version: 1
                name: first
                source:
                  api: emulator
                  emulator: {profile: realistic, media: 30, faults: "\(faults)"}
                http: {retry: {max_attempts: 2, base_delay: 10ms, max_delay: 20ms, max_wait: 0s}}
                extract:
                  profile: {}
                  media: {}
                  stories: {}
                  media_insights: {}
                  account_insights: {metrics: [reach, follower_count, views, accounts_engaged, total_interactions]}
                  comments: {}
                load:
                  - ndjson: {path: "\(folder.url.path)/out/{stream}.ndjson"}
                checkpoint: {path: \(folder.url.path)/state/first.json}
                """,
                to: "first.yaml"
            ).path
        }

        @Test func aRealisticAccountPassesWithTheRefusalsNamedInTheAPIsWords() async throws {
            try await withTemporaryFolder { folder in
                let result = try await Command(arguments: ["check", try Self.pipeline(in: folder)]).run()
                #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
                let lines = result.stdout.split(separator: "\n").map(String.init)
                for stream in ["profile", "media", "stories", "media_insights", "account_insights", "comments"] {
                    #expect(lines.contains { $0.hasPrefix(stream + " ") }, "no line for \(stream)")
                }
                #expect(lines.contains { $0.hasPrefix("media_insights ") && $0.contains(" partial ") })
                #expect(
                    lines.contains(
                        "    refused: metric shares for FEED IMAGE media: "
                            + "code 100: \"(#100) The metric shares is not supported for this media type\""
                    )
                )
                #expect(lines.contains("      so: the run skips it for FEED IMAGE media and counts it as skipped"))
                #expect(lines.contains { $0.hasPrefix("comments ") && $0.contains(" replies on the first page") })
                #expect(lines.contains { $0.hasPrefix("account_insights ") && $0.contains("views ") })
                #expect(lines.last?.hasPrefix("verdict: a run would succeed (exit 0)") == true)
                #expect(!result.stdout.contains("IGAA") && !result.stderr.contains("IGAA"), "no token is printed")
                #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("out").path))
            }
        }

        @Test func anExpiredTokenExits77AndSaysWhatToDo() async throws {
            try await withTemporaryFolder { folder in
                let pipeline = try Self.pipeline(in: folder, faults: "token_expiry=1")
                let result = try await Command(arguments: ["check", pipeline]).run()
                #expect(result.status == 77, "\(result.stdout)\n\(result.stderr)")
                #expect(result.stdout.contains("code 190/463"))
                #expect(result.stdout.contains("igexport token refresh"))
                #expect(result.stdout.contains("verdict: a run would stop at media with exit 77"))
                #expect(
                    result.stdout.split(separator: "\n").contains {
                        $0.hasPrefix("comments ") && $0.contains("unchecked")
                    }
                )
                #expect(result.stderr.hasPrefix("igexport: token expired (code 190/463)"))
                #expect(!result.stdout.contains("IGAA") && !result.stderr.contains("IGAA"), "no token is printed")
            }
        }

        @Test func jsonForScriptsCarriesEachStreamAndTheExitCode() async throws {
            try await withTemporaryFolder { folder in
                let pipeline = try Self.pipeline(in: folder, faults: "token_expiry=1")
                let result = try await Command(arguments: ["check", "--json", "--log-format", "json", pipeline]).run()
                #expect(result.status == 77)
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
                )
                #expect(object["exit_code"] as? Int == 77)
                let streams = try #require(object["streams"] as? [[String: Any]])
                #expect(
                    streams.map { $0["name"] as? String } == [
                        "profile", "media", "stories", "media_insights", "account_insights", "comments",
                    ]
                )
                #expect(
                    streams.map { $0["status"] as? String } == ["ok", "refused"]
                        + Array(repeating: "unchecked", count: 4)
                )
                let failure = try #require(streams[1]["failure"] as? [String: Any])
                #expect(failure["code"] as? Int == 190 && failure["subcode"] as? Int == 463)
                #expect(
                    result.stderr.contains("\"event\":\"run.failed\""),
                    "--log-format json reports the failure as JSON"
                )
            }
        }
    }
}

import Foundation
import Testing

extension OpsEndToEndTests {
    /// What cron and a person at a terminal see: logs, the summary, metrics and progress.
    @Suite struct CronOutputTests {
        @Test func jsonLogsAreOneParseableObjectPerLineWithoutTheToken() async throws {
            try await OpsFixture.with { fixture in
                let result = try await fixture.run([
                    "run", "--log-format", "json", "--log-level", "debug", fixture.pipeline,
                ])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.isEmpty, "with json, everything goes to stderr")
                #expect(!result.stderr.contains(fixture.token))
                let lines = result.stderr.split(separator: "\n")
                #expect(lines.count > 3)
                var events: [[String: Any]] = []
                for line in lines {
                    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                    events.append(try #require(object, "not a JSON object: \(line)"))
                }
                for event in events {
                    #expect(event["ts"] is String && event["level"] is String && event["event"] is String)
                    #expect(event["pipeline"] as? String == "ops")
                }
                let summary = try #require(events.last)
                #expect(summary["event"] as? String == "run.completed")
                #expect((summary["records"] as? [String: Any])?["media"] as? Int == 30)
                #expect(summary["exit_code"] as? Int == 0)
                #expect(summary["requests"] as? Int == 4)
            }
        }

        @Test func textLogsAtDebugNeverShowTheToken() async throws {
            try await OpsFixture.with { fixture in
                let result = try await fixture.run(["run", "--log-level", "trace", fixture.pipeline])
                #expect(result.status == 0)
                #expect(result.stderr.contains("GET"))
                #expect(!result.stderr.contains(fixture.token))
                #expect(!result.stdout.contains(fixture.token))
            }
        }

        @Test func aFailureIsAJSONLineWithItsExitCode() async throws {
            try await OpsFixture.with(faults: "token_expiry=0") { fixture in
                let result = try await fixture.run(["run", "--quiet", "--log-format", "json", fixture.pipeline])
                #expect(result.status == 77)
                let last = try #require(result.stderr.split(separator: "\n").last)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
                #expect(object["event"] as? String == "run.failed")
                #expect(object["exit_code"] as? Int == 77)
                #expect(!result.stderr.contains(fixture.token))
            }
        }

        @Test func theMetricsFileKeepsTheLastSuccessWhenARunFails() async throws {
            try await OpsFixture.with { fixture in
                let success = try await fixture.run([
                    "run", "--quiet", "--metrics-file", fixture.metricsPath, fixture.pipeline,
                ])
                #expect(success.status == 0, "\(success.stderr)")
                let first = try Self.samples(fixture.metricsPath)
                let lastSuccess = try #require(first["igexport_last_success_timestamp_seconds{pipeline=\"ops\"}"])
                #expect(first["igexport_records_total{pipeline=\"ops\",stream=\"media\"}"] == 30)
                #expect(first["igexport_last_run_exit_code{pipeline=\"ops\"}"] == 0)

                try fixture.writePipeline(token: "${env:WRONG}")
                let failure = try await Command(
                    arguments: ["run", "--quiet", "--metrics-file", fixture.metricsPath, fixture.pipeline],
                    environment: ["WRONG": "IGAAnotAToken"],
                    directory: fixture.folder.url
                ).run()
                #expect(failure.status == 77)
                let second = try Self.samples(fixture.metricsPath)
                #expect(second["igexport_last_success_timestamp_seconds{pipeline=\"ops\"}"] == lastSuccess)
                #expect(second["igexport_last_run_exit_code{pipeline=\"ops\"}"] == 77)
                #expect(second["igexport_requests_total{pipeline=\"ops\"}"] == 1)
            }
        }

        @Test func progressIsDrawnOnAPseudoTerminalOnly() async throws {
            try await OpsFixture.with(media: 60, latency: .milliseconds(50)) { fixture in
                let command = "\(Command.binary.path) run \(fixture.pipeline)"
                let terminal = try await Command(
                    arguments: [],
                    environment: ["T": fixture.token],
                    directory: fixture.folder.url
                ).runScript(command)
                #expect(terminal.status == 0, "\(terminal.stdout)")
                #expect(terminal.stdout.contains("\r\u{1B}[K"))
                #expect(terminal.stdout.contains("igexport: ops: run "))
                let piped = try await fixture.run(["run", "--fresh", fixture.pipeline])
                #expect(piped.stderr.isEmpty)
                #expect(!piped.stdout.contains("\u{1B}["))
            }
        }

        @Test func aDryRunPrintsThePlanAndMakesNoRequest() async throws {
            try await OpsFixture.with(faults: "token_expiry=0") { fixture in
                let result = try await fixture.run(["run", "--dry-run", fixture.pipeline])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.contains("media: GET /v23.0/{account}/media?fields="))
                #expect(result.stdout.contains("/out/media.ndjson (ndjson)"))
                #expect(result.stdout.contains("no state yet: a new run starts"))
                #expect(!FileManager.default.fileExists(atPath: fixture.statePath))
            }
        }

        /// The samples of a metrics file, by name and labels as written, checked by a strict line parser.
        static func samples(_ path: String) throws -> [String: Double] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasSuffix("\n"))
            var samples: [String: Double] = [:]
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let parts = line.split(separator: " ")
                #expect(parts.count == 2, "not a sample: \(line)")
                samples[String(parts[0])] = Double(parts[1])
            }
            return samples
        }
    }
}

import Foundation
import GraphEmulator
import TestSupport
import Testing

@Suite(.tags(.slow)) struct OverlapTests {
    private func pipeline(api: String, output: URL) -> String {
        """
        version: 1
        name: overlap
        source:
          api: \(api)
          token: ${env:OVERLAP_TOKEN}
        extract:
          media: {page_size: 10}
        load:
          - ndjson: {path: "\(output.path)/media.ndjson"}
        checkpoint: {path: "\(output.path)/.state/overlap.json"}
        """
    }

    @Test func aSecondRunExits75AndTheFirstFinishesIntact() async throws {
        try await withTemporaryFolder { folder in
            // The first run's second page is held by the server: the run is under way, holding its lock, while
            // the second run starts; it finishes once the second has been refused.
            let gate = ScriptedServer.Gate()
            let server = try ScriptedServer(
                ScriptedServer.Response.mediaPages(150, pageSize: 10, heldPage: 1, at: gate)
            )
            let output = folder.url.appendingPathComponent("out")
            let file = try folder.write(pipeline(api: server.url, output: output), to: "overlap.yaml")
            let command = Command(arguments: ["run", file.path], environment: ["OVERLAP_TOKEN": "IGAAoverlap"])

            let ((firstPID, second), first) = try await command.runHeld(at: gate) { pid in
                let second = try command.runBlocking()
                return (pid, second)
            }
            #expect(second.status == 75)
            #expect(
                second.stderr.contains(
                    "account me of pipeline overlap is being exported by another run (pid \(firstPID), since "
                )
            )
            #expect(first.status == 0, "\(first.stderr)")
            #expect(server.requests.count == 16, "the profile and 15 pages: the refused run made no request")
            let lines = try String(contentsOf: output.appendingPathComponent("media.ndjson"), encoding: .utf8)
                .split(separator: "\n")
            #expect(lines.count == 150)
            #expect(Set(lines).count == 150)
        }
    }

    @Test func freshDiscardsAnInterruptedRunAndStartsOver() async throws {
        try await withTemporaryFolder { folder in
            try await withEmulator(EmulatorConfiguration(seed: 8, mediaPerAccount: 150)) { server in
                let environment = ["OVERLAP_TOKEN": server.accounts[0].token]
                let output = folder.url.appendingPathComponent("out")
                let file = try folder.write(pipeline(api: server.baseURL, output: output), to: "overlap.yaml")

                var crash = environment
                crash["IGEXPORT_CRASH_AT"] = "mid-append:5"
                let interrupted = try await Command(arguments: ["run", file.path], environment: crash).runToEnd()
                #expect(interrupted.reason == .uncaughtSignal)
                #expect(
                    FileManager.default.fileExists(atPath: output.appendingPathComponent(".media.ndjson.partial").path)
                )

                let fresh = try await Command(arguments: ["run", "--fresh", file.path], environment: environment).run()
                #expect(fresh.status == 0, "\(fresh.stderr)")
                #expect(!fresh.stdout.contains("(resumed)"))
                let lines = try String(contentsOf: output.appendingPathComponent("media.ndjson"), encoding: .utf8)
                    .split(separator: "\n")
                #expect(lines.count == 150)
                #expect(Set(lines).count == 150)
            }
        }
    }
}

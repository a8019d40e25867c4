import Foundation
import GraphEmulator
import Testing

@Suite struct OverlapTests {
    private func pipeline(server: GraphEmulatorServer, output: URL) -> String {
        """
        version: 1
        name: overlap
        source:
          api: \(server.baseURL)
          token: ${env:OVERLAP_TOKEN}
        extract:
          media: {page_size: 10}
        load:
          - ndjson: {path: "\(output.path)/media.ndjson"}
        checkpoint: {path: "\(output.path)/.state/overlap.json"}
        """
    }

    @Test func aSecondRunExits75AndTheFirstFinishesIntact() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let server = try await GraphEmulatorServer.start(
            EmulatorConfiguration(seed: 8, mediaPerAccount: 150, latency: .milliseconds(100))
        )
        let environment = ["OVERLAP_TOKEN": server.accounts[0].token]
        let output = folder.url.appendingPathComponent("out")
        let file = try folder.write(pipeline(server: server, output: output), to: "overlap.yaml")

        let command = Command(arguments: ["run", file.path], environment: environment)
        let lockFile = output.appendingPathComponent(".state/overlap.json/me.json.lock").path
        // The whole overlap runs on a dispatch thread: its timing must not depend on the cooperative pool.
        let (firstPID, second, firstStatus) = try await command.detached {
            let (first, firstOut, _) = try command.start()
            let holder = "pid \(first.processIdentifier),"
            while first.isRunning, (try? String(contentsOfFile: lockFile, encoding: .utf8))?.contains(holder) != true {
                usleep(5_000)
            }
            let second = try command.runBlocking()
            _ = firstOut.fileHandleForReading.readDataToEndOfFile()
            first.waitUntilExit()
            return (first.processIdentifier, second, first.terminationStatus)
        }
        #expect(second.status == 75)
        #expect(
            second.stderr.contains(
                "account me of pipeline overlap is being exported by another run (pid \(firstPID), since "
            )
        )
        #expect(firstStatus == 0)
        let lines = try String(contentsOf: output.appendingPathComponent("media.ndjson"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 150)
        try await server.shutdown()
    }

    @Test func freshDiscardsAnInterruptedRunAndStartsOver() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let server = try await GraphEmulatorServer.start(EmulatorConfiguration(seed: 8, mediaPerAccount: 150))
        let environment = ["OVERLAP_TOKEN": server.accounts[0].token]
        let output = folder.url.appendingPathComponent("out")
        let file = try folder.write(pipeline(server: server, output: output), to: "overlap.yaml")

        var crash = environment
        crash["IGEXPORT_CRASH_AT"] = "before-rename:6"
        let interrupted = try await Command(arguments: ["run", file.path], environment: crash).runToEnd()
        #expect(interrupted.reason == .uncaughtSignal)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(".media.ndjson.partial").path))

        let fresh = try await Command(arguments: ["run", "--fresh", file.path], environment: environment).run()
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(!fresh.stdout.contains("(resumed)"))
        let lines = try String(contentsOf: output.appendingPathComponent("media.ndjson"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 150)
        #expect(Set(lines).count == 150)
        try await server.shutdown()
    }
}

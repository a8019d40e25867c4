import Foundation
import TestSupport
import Testing

/// SIGTERM, SIGINT and SIGHUP stop a run at a page boundary, with its checkpoint and its metrics written, and one
/// line saying so: the process never dies by the signal.
@Suite(.tags(.slow)) struct SignalTests {
    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func aSignalStopsTheRunAtAPageBoundaryWithExit75(signal: Int32) async throws {
        try await withTemporaryFolder { folder in
            // The run's second media page is held by the server: the signal arrives while a request is under way.
            let gate = ScriptedServer.Gate()
            let server = try ScriptedServer(
                ScriptedServer.Response.mediaPages(150, pageSize: 10, heldPage: 1, at: gate)
            )
            let output = folder.url.appendingPathComponent("out").path
            let metrics = folder.url.appendingPathComponent("igexport.prom").path
            let file = try folder.write(
                """
                version: 1
                name: signals
                source: {api: \(server.url), token: "${env:T}"}
                extract: {media: {page_size: 10}}
                load: [{ndjson: {path: "\(output)/media.ndjson"}}]
                checkpoint: {path: "\(output)/.state/signals"}
                """,
                to: "signals.yaml"
            )
            let command = Command(
                arguments: ["run", "--metrics-file", metrics, file.path],
                environment: ["T": "IGAAsignals"]
            )
            let (_, held) = try await command.runHeld(at: gate) { pid in kill(pid, signal) }
            #expect(held.status == 75, "\(held.stderr)")
            #expect(held.stderr.contains("interrupted by "), "\(held.stderr)")
            #expect(held.stderr.contains("run again to resume"))
            let prometheus = try String(contentsOfFile: metrics, encoding: .utf8)
            #expect(prometheus.contains("igexport_last_run_exit_code{pipeline=\"signals\"} 75"))
            // The committed pages are in the journal, nothing past them: a rerun resumes from there.
            let state = try String(contentsOfFile: output + "/.state/signals/me.json", encoding: .utf8)
            #expect(state.contains("\"pages\""))
            #expect(!FileManager.default.fileExists(atPath: output + "/media.ndjson"))
        }
    }
}

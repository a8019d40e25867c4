import Foundation
import GraphEmulator
import TestSupport
import Testing

/// An emulator on loopback and a pipeline that reads it with the first account's token in `$T`, in a
/// temporary folder: what the cron tests run the binary against.
struct OpsFixture {
    let server: GraphEmulatorServer
    let folder: TemporaryFolder
    let token: String

    /// Runs `body` with a fixture, then awaits the emulator's shutdown and removes the folder, whether `body`
    /// succeeds or not.
    static func with<Result>(
        faults: String = "",
        media: Int = 30,
        latency: Duration = .zero,
        extra: String = "",
        token: String = "${env:T}",
        _ body: (OpsFixture) async throws -> Result
    ) async throws -> Result {
        var configuration = EmulatorConfiguration(mediaPerAccount: media, latency: latency)
        configuration.faults = try FaultPlan(parsing: faults)
        return try await withEmulator(configuration) { server in
            try await withTemporaryFolder { folder in
                let fixture = OpsFixture(server: server, folder: folder, token: server.accounts[0].token)
                try fixture.writePipeline(token: token, extra: extra)
                return try await body(fixture)
            }
        }
    }

    var pipeline: String { folder.url.appendingPathComponent("ops.yaml").path }
    var statePath: String { folder.url.appendingPathComponent("state/ops.json").path }
    /// The state file of the pipeline's one account (`me`) in the state folder.
    var accountStatePath: String { statePath + "/me.json" }
    var metricsPath: String { folder.url.appendingPathComponent("metrics/ops.prom").path }

    func writePipeline(token: String = "${env:T}", extra: String = "", outputPath: String? = nil) throws {
        let path = outputPath ?? folder.url.appendingPathComponent("out").path + "/{stream}.ndjson"
        _ = try folder.write(
            """
            version: 1
            name: ops
            source:
              api: \(server.baseURL)
              token: \(token)
            \(extra)
            http: {retry: {max_attempts: 2, base_delay: 10ms, max_delay: 20ms, max_wait: 0s}}
            extract:
              profile: {}
              media: {page_size: 10}
            load:
              - ndjson: {path: "\(path)"}
            checkpoint: {path: \(statePath)}
            """,
            to: "ops.yaml"
        )
    }

    /// Runs `igexport` with `arguments`, the token in `$T`.
    func run(_ arguments: [String]) async throws -> Command.Result {
        try await Command(arguments: arguments, environment: ["T": token], directory: folder.url).run()
    }
}

/// The cron features' end-to-end tests, one at a time: each starts processes and an emulator, and running them
/// all at once would crowd a small machine.
@Suite(.serialized, .tags(.slow)) enum OpsEndToEndTests {}

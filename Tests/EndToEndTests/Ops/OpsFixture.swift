import Foundation
import GraphEmulator
import Testing

/// An emulator on loopback and a pipeline that reads it with the first account's token in `$T`, in a
/// temporary folder: what the cron tests run the binary against.
struct OpsFixture {
    let server: GraphEmulatorServer
    let folder: TemporaryFolder
    let token: String

    static func start(
        faults: String = "",
        media: Int = 30,
        latency: Duration = .zero,
        extra: String = "",
        token: String = "${env:T}"
    ) async throws -> OpsFixture {
        var configuration = EmulatorConfiguration(mediaPerAccount: media, latency: latency)
        configuration.faults = try FaultPlan(parsing: faults)
        let server = try await GraphEmulatorServer.start(configuration)
        let fixture = OpsFixture(server: server, folder: try TemporaryFolder(), token: server.accounts[0].token)
        try fixture.writePipeline(token: token, extra: extra)
        return fixture
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

    func stop() async {
        try? await server.shutdown()
        folder.remove()
    }
}

/// The cron features' end-to-end tests, one at a time: each starts processes and an emulator, and running them
/// all at once on two cores would starve the timing-sensitive chaos and overlap tests.
@Suite(.serialized) enum OpsEndToEndTests {}

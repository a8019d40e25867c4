import Foundation
import GraphEmulator
import Logging
import TestSupport

@testable import IGCore
@testable import IGEngine
@testable import IGGraph

/// A pipeline run in process against an in-process emulator, in a temporary folder of its own, on a manual clock
/// (backoff, throttling and cursor age take no time).
struct PipelineHarness {
    let folder: URL
    let server: GraphEmulatorServer
    let requestLog: URL
    let logs = LogCapture()
    let clock: ManualClock

    /// Runs `body` with a harness, then stops its emulator and removes its folder, whether `body` succeeds or not.
    static func with<Result>(
        media: Int = 250,
        accounts: Int = 1,
        seed: UInt64 = 42,
        faults: String = "",
        behaviour: EmulatorBehaviour = EmulatorBehaviour(),
        _ body: (PipelineHarness) async throws -> Result
    ) async throws -> Result {
        let harness = try await PipelineHarness(
            media: media,
            accounts: accounts,
            seed: seed,
            faults: faults,
            behaviour: behaviour
        )
        do {
            let result = try await body(harness)
            await harness.close()
            return result
        } catch {
            await harness.close()
            throw error
        }
    }

    /// Runs `body` with a harness whose emulator has the same data as `harness` (same seed) and writes into the
    /// same folder, on the same clock: what a second run after an interruption meets. Stops that emulator after.
    static func resuming<Result>(
        _ harness: PipelineHarness,
        media: Int,
        faults: String = "",
        _ body: (PipelineHarness) async throws -> Result
    ) async throws -> Result {
        let resumed = try await PipelineHarness(media: media, faults: faults, reusing: harness)
        do {
            let result = try await body(resumed)
            try? await resumed.server.shutdown()
            return result
        } catch {
            try? await resumed.server.shutdown()
            throw error
        }
    }

    private init(
        media: Int = 250,
        accounts: Int = 1,
        seed: UInt64 = 42,
        faults: String = "",
        rateLimit: String? = nil,
        behaviour: EmulatorBehaviour = EmulatorBehaviour(),
        reusing existing: PipelineHarness? = nil
    ) async throws {
        folder =
            existing?.folder
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("igexport-run-\(UUID().uuidString)")
        clock = existing?.clock ?? ManualClock(start: Date())
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        requestLog = folder.appendingPathComponent("requests.ndjson")
        server = try await GraphEmulatorServer.start(
            EmulatorConfiguration(
                seed: seed,
                accounts: accounts,
                mediaPerAccount: media,
                faults: faults.isEmpty ? .none : try FaultPlan(parsing: faults),
                rateLimit: try rateLimit.map { try RateLimit(parsing: $0) },
                requestLogPath: requestLog.path,
                behaviour: behaviour
            )
        )
    }

    /// A pipeline reading this emulator's accounts, writing under the harness folder; `extra` is YAML appended
    /// at the top level (extract, transform, load...), with `OUT` standing for the output folder.
    func config(_ extra: String, retry: String = "{max_attempts: 12, base_delay: 1ms, max_delay: 5ms}") throws
        -> PipelineConfig
    {
        var environment: [String: String] = [:]
        var accounts: [String] = []
        for (index, account) in server.accounts.enumerated() {
            environment["T\(index)"] = account.token
            accounts.append("{id: \"\(account.id)\", token: \"${env:T\(index)}\"}")
        }
        let yaml = """
            version: 1
            name: test
            source:
              api: \(server.baseURL)
              accounts: [\(accounts.joined(separator: ", "))]
            http:
              retry: \(retry)
            checkpoint: {path: \(folder.path)/state.json}
            \(extra.replacingOccurrences(of: "OUT", with: folder.path))
            """
        return try PipelineConfig.parse(yaml: yaml, file: "test.yaml", environment: environment)
    }

    /// Runs `config` to the end (or its error) with real libcurl clients.
    func run(_ config: PipelineConfig, fresh: Bool = false) async throws -> RunStatistics {
        let http = try CurlClient(configuration: CurlClient.Configuration(version: "test", http: config.http))
        let logger = logs.logger
        let source = try ResolvedSource(config.source)
        let monitor = RunMonitor(clock: clock)
        let clock = clock
        let runner = Runner(config: config, source: source, logger: logger, clock: clock, monitor: monitor) {
            account in
            GraphClient(
                http: http,
                api: source.baseURL,
                apiVersion: config.source.apiVersion,
                token: account.token,
                retry: config.http.retry,
                logger: logger,
                counters: monitor.counters(for: account.id),
                sleep: { await clock.sleep(for: $0) }
            )
        }
        return try await runner.run(options: RunOptions(fresh: fresh))
    }

    /// The requests the emulator has answered so far.
    func requestCount() throws -> Int {
        let text = (try? String(contentsOf: requestLog, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    /// The lines of an output file.
    func lines(_ name: String) throws -> [String] {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }

    /// The `id` of every line of an NDJSON output.
    func ids(_ name: String, key: String = "id") throws -> [String] {
        try lines(name).map { line in
            guard case .object(let object) = try JSONParser.parse(Array(line.utf8)),
                let id = object[key]?.stringValue
            else { return "" }
            return id
        }
    }

    private func close() async {
        try? await server.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }
}

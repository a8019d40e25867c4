import ArgumentParser
import Foundation
import GraphEmulator
import IGExport
import Logging

extension IGExportCommand {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a pipeline: extract, transform and load, resuming an interrupted run.",
            discussion: ExitStatus.helpText
        )

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        @Flag(help: "Discard an interrupted run's state and partial files, and start over.")
        var fresh = false

        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let logger = logging.bootstrap(label: "igexport")
            let config: PipelineConfig
            do {
                config = try PipelineConfig.load(path: pipeline)
            } catch {
                throw fail(error)
            }
            var emulator: GraphEmulatorServer?
            do {
                let source: ResolvedSource
                if config.source.api == .emulator {
                    let server = try await GraphEmulatorServer.start(try EmulatorConfiguration(config.source.emulator))
                    emulator = server
                    source = server.resolvedSource(apiVersion: config.source.apiVersion)
                } else {
                    source = ResolvedSource(config.source)
                }
                let http = try CurlClient(
                    configuration: CurlClient.Configuration(version: IGExportVersion.current, http: config.http)
                )
                let runner = Runner(config: config, source: source, logger: logger) { account in
                    GraphClient(
                        http: http,
                        api: source.baseURL,
                        apiVersion: source.apiVersion,
                        token: account.token,
                        retry: config.http.retry,
                        logger: logger
                    )
                }
                let report = try await runner.run(options: RunOptions(fresh: fresh))
                try await emulator?.shutdown()
                if !logging.quiet {
                    print("igexport: \(config.name): \(report.summary)")
                }
            } catch {
                try? await emulator?.shutdown()
                throw fail(error)
            }
        }
    }
}

extension EmulatorConfiguration {
    /// The emulator a pipeline with `api: emulator` asks for, on a free loopback port.
    init(_ options: EmulatorOptions) throws {
        self.init()
        port = 0
        seed = options.seed
        accounts = options.accounts
        mediaPerAccount = options.media
        latency = options.latency
        if !options.faults.isEmpty {
            faults = try FaultPlan(parsing: options.faults)
        }
    }
}

extension GraphEmulatorServer {
    /// The emulator's accounts as a run's source, each with the token the emulator issued it.
    func resolvedSource(apiVersion: String) -> ResolvedSource {
        ResolvedSource(
            baseURL: baseURL,
            apiVersion: apiVersion,
            accounts: accounts.map {
                ResolvedSource.Account(id: $0.id, token: Secret(value: $0.token, source: "emulator"))
            }
        )
    }
}

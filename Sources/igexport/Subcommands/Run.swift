import ArgumentParser
import Foundation
import IGCore
import IGEngine
import IGGraph
import IGOps
import Logging

extension IGExportCommand {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a pipeline: extract, transform and load, resuming an interrupted run.",
            discussion: """
                On a terminal, progress is drawn on stderr; --quiet hides it. On success igexport prints one \
                summary line (stdout, or a `run.completed` JSON line on stderr with --log-format json); a \
                failure prints what went wrong and what to do on stderr.

                \(ExitStatus.helpText)
                """
        )

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        @Flag(help: "Discard an interrupted run's state and partial files, and start over.")
        var fresh = false

        @Flag(help: "Recheck the media archive's files against its manifest and refetch those missing or damaged.")
        var verifyFiles = false

        @Flag(help: "Print the plan (streams, requests, outputs, state) and make no request.")
        var dryRun = false

        @Option(
            help: ArgumentHelp(
                "Write Prometheus metrics here after every run, successful or not (node_exporter's textfile collector).",
                valueName: "path"
            )
        )
        var metricsFile: String?

        @Option(
            help: ArgumentHelp(
                "Split the accounts into N shards (rendezvous hashing of the account id) and export one of them.",
                valueName: "N"
            )
        )
        var shards: Int?

        @Option(
            help: ArgumentHelp(
                "The shard to export, 0 to N-1; defaults to $JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs).",
                valueName: "I"
            )
        )
        var shardIndex: Int?

        @OptionGroup var logging: LoggingOptions

        func validate() throws {
            _ = try shard()
        }

        /// The shard to export, from `--shards`, `--shard-index` and `JOB_COMPLETION_INDEX`; `nil` for every
        /// account.
        func shard() throws -> Shard? {
            guard let shards else {
                if shardIndex != nil { throw ValidationError("--shard-index needs --shards") }
                return nil
            }
            guard shards >= 1 else { throw ValidationError("--shards must be at least 1") }
            let environment = ProcessInfo.processInfo.environment["JOB_COMPLETION_INDEX"]
            guard let index = shardIndex ?? environment.flatMap({ Int($0) }) else {
                throw ValidationError(
                    environment == nil
                        ? "--shards needs --shard-index, or JOB_COMPLETION_INDEX in the environment"
                        : "JOB_COMPLETION_INDEX is not a number; pass --shard-index"
                )
            }
            guard let shard = Shard(index: index, count: shards) else {
                throw ValidationError("the shard index \(index) is not between 0 and \(shards - 1)")
            }
            return shard
        }

        func run() async throws {
            let shard = try shard()
            let context = try CommandContext.load(pipeline, logging: logging)
            if dryRun {
                try await context.reporting { try await printPlan(context) }
                return
            }
            let started = context.clock.now
            let monitor = RunMonitor(clock: context.clock)
            let reporter = ProgressReporter(
                monitor: monitor,
                isTerminal: !logging.quiet && standardErrorIsTerminal,
                width: standardErrorColumns,
                write: writeStandardError
            )
            let ticker = Task {
                while !Task.isCancelled {
                    reporter.redraw(now: context.clock.now)
                    await context.clock.sleep(for: .milliseconds(100))
                }
            }
            let statistics: RunStatistics
            do {
                let fresh = fresh
                let verifyFiles = verifyFiles
                statistics = try await SignalStop.run {
                    try await context.withSource(shard: shard) { source, http in
                        try await Self.export(
                            context,
                            from: source,
                            http: http,
                            monitor: monitor,
                            options: RunOptions(
                                fresh: fresh,
                                shard: String(shard?.index ?? 0),
                                verifyFiles: verifyFiles
                            )
                        )
                    }
                }
                ticker.cancel()
                reporter.finish()
            } catch {
                ticker.cancel()
                reporter.finish()
                do {
                    try writeMetrics(
                        context,
                        shard: shard,
                        started: started,
                        code: ExitStatus.code(for: error),
                        monitor.statistics
                    )
                } catch let metricsError {
                    context.logger.error("Cannot write the metrics file", metadata: ["error": "\(metricsError)"])
                }
                throw context.outcome.failed(error)
            }
            try await context.reporting {
                try writeMetrics(context, shard: shard, started: started, code: ExitStatus.ok, statistics)
            }
            context.outcome.completed(statistics, shard: shard)
        }

        private static func export(
            _ context: CommandContext,
            from source: PipelineSource,
            http: CurlClient,
            monitor: RunMonitor,
            options: RunOptions
        ) async throws -> RunStatistics {
            let config = context.config
            var resolved = source.resolved
            if config.source.auth.autoRefresh {
                let refresher = TokenRefresher(
                    http: http,
                    api: source.baseURL,
                    retry: config.http.retry,
                    logger: context.logger
                )
                resolved = await refresher.refreshingDueTokens(
                    in: resolved,
                    auth: config.source.auth,
                    now: context.clock.now
                )
            }
            let accounts = resolved
            let runner = Runner(
                config: config,
                source: accounts,
                logger: context.logger,
                clock: context.clock,
                monitor: monitor,
                downloader: try Self.downloader(config)
            ) { account in
                GraphClient(
                    http: http,
                    api: accounts.baseURL,
                    apiVersion: accounts.apiVersion,
                    token: account.token,
                    retry: config.http.retry,
                    logger: context.logger,
                    counters: monitor.counters(for: account.id),
                    sleep: { await context.clock.sleep(for: $0) }
                )
            }
            return try await runner.run(options: options)
        }

        /// The media archive's HTTP client, apart from the API's: as many connections as downloads in flight,
        /// and an hour for one file (a long video on a slow link), stalls being caught by the low-speed limit.
        private static func downloader(_ config: PipelineConfig) throws -> CurlClient? {
            guard let files = config.load.first(where: { $0.format == .files }) else { return nil }
            var configuration = CurlClient.Configuration(version: IGExportVersion.current, http: config.http)
            configuration.maximumConnections = files.files.concurrency
            configuration.timeout = .seconds(3_600)
            configuration.lowSpeedTime = .seconds(30)
            return try CurlClient(configuration: configuration)
        }

        private func printPlan(_ context: CommandContext) async throws {
            let config = context.config
            let source = try await PipelineSource.start(config, shard: try shard())
            await source.shutdown()
            let state = try StateFolder(config).merged(pipeline: config.name)
            printOutput(
                RunPlan(config: config, source: source.resolved, state: state, fresh: fresh, now: context.clock.now)
                    .text
            )
        }

        /// Writes the metrics file, if asked for: a failed run keeps the last success's time from the file it
        /// replaces.
        private func writeMetrics(
            _ context: CommandContext,
            shard: Shard?,
            started: Date,
            code: Int32,
            _ statistics: RunStatistics
        ) throws(MetricsFileError) {
            guard let template = metricsFile else { return }
            let metricsFile = MetricsFile.path(template, shard: shard)
            let now = context.clock.now
            try MetricsFile(
                pipeline: context.config.name,
                lastSuccess: code == ExitStatus.ok
                    ? now.timeIntervalSince1970
                    : MetricsFile.lastSuccess(in: metricsFile, pipeline: context.config.name, shard: shard),
                runStarted: started.timeIntervalSince1970,
                durationSeconds: now.timeIntervalSince(started),
                exitCode: code,
                statistics: statistics,
                shard: shard
            ).write(to: metricsFile)
        }
    }
}

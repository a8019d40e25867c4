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

        @Flag(help: "Print the plan (streams, requests, outputs, state) and make no request.")
        var dryRun = false

        @Option(
            help: ArgumentHelp(
                "Write Prometheus metrics here after every run, successful or not (node_exporter's textfile collector).",
                valueName: "path"
            )
        )
        var metricsFile: String?

        @OptionGroup var logging: LoggingOptions

        func run() async throws {
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
                statistics = try await SignalStop.run {
                    try await context.withSource { source, http in
                        try await Self.export(context, from: source, http: http, monitor: monitor, fresh: fresh)
                    }
                }
                ticker.cancel()
                reporter.finish()
            } catch {
                ticker.cancel()
                reporter.finish()
                do {
                    try writeMetrics(context, started: started, code: ExitStatus.code(for: error), monitor.statistics)
                } catch let metricsError {
                    context.logger.error("Cannot write the metrics file", metadata: ["error": "\(metricsError)"])
                }
                throw context.outcome.failed(error)
            }
            try await context.reporting {
                try writeMetrics(context, started: started, code: ExitStatus.ok, statistics)
            }
            context.outcome.completed(statistics)
        }

        private static func export(
            _ context: CommandContext,
            from source: PipelineSource,
            http: CurlClient,
            monitor: RunMonitor,
            fresh: Bool
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
                monitor: monitor
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
            return try await runner.run(options: RunOptions(fresh: fresh))
        }

        private func printPlan(_ context: CommandContext) async throws {
            let config = context.config
            let source = try await PipelineSource.start(config)
            await source.shutdown()
            let state = try StateStore(path: config.checkpoint.path).load()
            printOutput(
                RunPlan(config: config, source: source.resolved, state: state, fresh: fresh, now: context.clock.now)
                    .text
            )
        }

        /// Writes the metrics file, if asked for: a failed run keeps the last success's time from the file it
        /// replaces.
        private func writeMetrics(
            _ context: CommandContext,
            started: Date,
            code: Int32,
            _ statistics: RunStatistics
        ) throws(MetricsFileError) {
            guard let metricsFile else { return }
            let now = context.clock.now
            try MetricsFile(
                pipeline: context.config.name,
                lastSuccess: code == ExitStatus.ok
                    ? now.timeIntervalSince1970
                    : MetricsFile.lastSuccess(in: metricsFile, pipeline: context.config.name),
                runStarted: started.timeIntervalSince1970,
                durationSeconds: now.timeIntervalSince(started),
                exitCode: code,
                statistics: statistics
            ).write(to: metricsFile)
        }
    }
}

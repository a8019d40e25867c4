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
            var logger = logging.bootstrap(label: "igexport")
            let started = Date()
            let config: PipelineConfig
            do {
                config = try PipelineConfig.load(path: pipeline)
            } catch {
                throw RunOutcome(format: logging.logFormat, quiet: logging.quiet, pipeline: nil).failed(error)
            }
            logger[metadataKey: "pipeline"] = "\(config.name)"
            let outcome = RunOutcome(format: logging.logFormat, quiet: logging.quiet, pipeline: config.name)
            if dryRun {
                try await printPlan(config, outcome: outcome)
                return
            }
            let reporter = ProgressReporter(
                isTerminal: !logging.quiet && standardErrorIsTerminal,
                width: standardErrorColumns,
                write: writeStandardError
            )
            let ticker = Task {
                while !Task.isCancelled {
                    reporter.redraw()
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
            let report: RunReport
            var source: PipelineSource?
            do {
                let started = try await PipelineSource.start(config)
                source = started
                report = try await export(config, from: started, reporter: reporter, logger: logger)
                await started.shutdown()
                ticker.cancel()
                reporter.finish()
            } catch {
                ticker.cancel()
                reporter.finish()
                await source?.shutdown()
                do {
                    try writeFailureMetrics(
                        config,
                        started: started,
                        code: ExitStatus.code(for: error),
                        reporter: reporter
                    )
                } catch let metricsError {
                    logger.error("Cannot write the metrics file", metadata: ["error": "\(metricsError)"])
                }
                throw outcome.failed(error)
            }
            do {
                try writeSuccessMetrics(config, started: started, report: report)
            } catch {
                throw outcome.failed(error)
            }
            outcome.completed(report)
        }

        private func export(
            _ config: PipelineConfig,
            from source: PipelineSource,
            reporter: ProgressReporter,
            logger: Logger
        ) async throws -> RunReport {
            let http = try CurlClient(
                configuration: CurlClient.Configuration(version: IGExportVersion.current, http: config.http)
            )
            var resolved = source.resolved
            if config.source.auth.autoRefresh {
                let refresher = TokenRefresher(
                    http: http,
                    api: source.baseURL,
                    retry: config.http.retry,
                    logger: logger
                )
                resolved = await refresher.refreshingDueTokens(in: resolved, auth: config.source.auth)
            }
            let accounts = resolved
            let runner = Runner(config: config, source: accounts, logger: logger, progress: reporter.handle) {
                account in
                GraphClient(
                    http: http,
                    api: accounts.baseURL,
                    apiVersion: accounts.apiVersion,
                    token: account.token,
                    retry: config.http.retry,
                    logger: logger,
                    counters: reporter.counters(for: account.id)
                )
            }
            return try await runner.run(options: RunOptions(fresh: fresh))
        }

        private func printPlan(_ config: PipelineConfig, outcome: RunOutcome) async throws {
            do {
                let source = try await PipelineSource.start(config)
                await source.shutdown()
                let state = try StateStore(path: config.checkpoint.path).load()
                printOutput(RunPlan(config: config, source: source.resolved, state: state, fresh: fresh).text)
            } catch {
                throw outcome.failed(error)
            }
        }

        private func writeSuccessMetrics(
            _ config: PipelineConfig,
            started: Date,
            report: RunReport
        ) throws(MetricsFileError) {
            guard let metricsFile else { return }
            try MetricsFile(
                pipeline: config.name,
                lastSuccess: Date().timeIntervalSince1970,
                runStarted: started.timeIntervalSince1970,
                durationSeconds: Date().timeIntervalSince(started),
                exitCode: ExitStatus.ok,
                records: report.records,
                requests: report.requests,
                retries: report.retries
            ).write(to: metricsFile)
        }

        private func writeFailureMetrics(
            _ config: PipelineConfig,
            started: Date,
            code: Int32,
            reporter: ProgressReporter
        ) throws(MetricsFileError) {
            guard let metricsFile else { return }
            let statistics = reporter.statistics
            try MetricsFile(
                pipeline: config.name,
                lastSuccess: MetricsFile.lastSuccess(in: metricsFile, pipeline: config.name),
                runStarted: started.timeIntervalSince1970,
                durationSeconds: Date().timeIntervalSince(started),
                exitCode: code,
                records: reporter.records,
                requests: statistics.requests,
                retries: statistics.retries
            ).write(to: metricsFile)
        }
    }
}

import IGCore
import IGEngine
import IGGraph
import IGOps
import Logging

/// What every subcommand that works on a pipeline builds once, the same way: logging, the pipeline, the clock, and
/// the one reporter that tells of the outcome (text, or JSON with `--log-format json`) and turns errors into exit
/// codes.
struct CommandContext {
    let logger: Logger
    let config: PipelineConfig
    let outcome: RunOutcome
    let clock: any RunClock

    /// Sets up logging and loads `pipeline`; a pipeline that does not load is reported and thrown as its exit
    /// code.
    static func load(_ pipeline: String, logging: LoggingOptions) throws -> CommandContext {
        var logger = logging.bootstrap(label: "igexport")
        let config: PipelineConfig
        do {
            config = try PipelineConfig.load(path: pipeline)
        } catch {
            throw RunOutcome(format: logging.logFormat, quiet: logging.quiet, pipeline: nil).failed(error)
        }
        logger[metadataKey: "pipeline"] = "\(config.name)"
        return CommandContext(
            logger: logger,
            config: config,
            outcome: RunOutcome(format: logging.logFormat, quiet: logging.quiet, pipeline: config.name),
            clock: SystemClock()
        )
    }

    /// Runs `body`; a failure is reported and thrown as its exit code.
    func reporting<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch {
            throw outcome.failed(error)
        }
    }

    /// Starts the pipeline's API (the built-in emulator for `api: emulator`) with the accounts of `shard` and an
    /// HTTP client for it, runs
    /// `body`, and stops the API again, whether `body` succeeds or not.
    func withSource<Result>(
        shard: Shard? = nil,
        _ body: (PipelineSource, CurlClient) async throws -> Result
    ) async throws -> Result {
        let source = try await PipelineSource.start(config, shard: shard)
        do {
            let http = try CurlClient(
                configuration: CurlClient.Configuration(version: IGExportVersion.current, http: config.http)
            )
            let result = try await body(source, http)
            await source.shutdown()
            return result
        } catch {
            await source.shutdown()
            throw error
        }
    }
}

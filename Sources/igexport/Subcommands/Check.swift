import ArgumentParser
import IGCore
import IGEngine
import IGGraph
import IGOps

extension IGExportCommand {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Try each stream of a pipeline once against the API, before a first run.",
            discussion: """
                One request per stream switched on (more only where a metric is refused and asked again \
                without): the profile, the first media page with children, one insights request per kind of \
                media seen, one comments page with replies, one story, one day of account insights. Nothing is \
                written. It prints a line per stream (ok, partial, refused or unchecked), what the API refused \
                in its own words and what a run does about it, and exits with the code a run would get: 0 when \
                a run would succeed.

                \(ExitStatus.helpText)
                """
        )

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        @Option(help: "The account to check, as the pipeline names it (default: the first).")
        var account: String?

        @Flag(help: "Print the report as one JSON object on stdout, for scripts.")
        var json = false

        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let context = try CommandContext.load(pipeline, logging: logging)
            let wanted = account
            let (report, header) = try await context.reporting {
                try await context.withSource { source, http in
                    let resolved = source.resolved
                    let candidates = wanted.map { id in resolved.accounts.filter { $0.id == id } } ?? resolved.accounts
                    guard let account = candidates.first else {
                        throw ValidationError(
                            "no account \(wanted ?? "") to check; the pipeline's accounts: "
                                + resolved.accounts.map(\.id).joined(separator: ", ")
                        )
                    }
                    let client = GraphClient(
                        http: http,
                        api: resolved.baseURL,
                        apiVersion: resolved.apiVersion,
                        token: account.token,
                        retry: context.config.http.retry,
                        logger: context.logger,
                        sleep: { await context.clock.sleep(for: $0) }
                    )
                    let graph = GraphAPICheck(
                        client: client,
                        account: account.id,
                        extract: context.config.extract,
                        now: context.clock.now
                    )
                    let buckets = try BucketCheck.checks(config: context.config, clock: context.clock)
                    let check = FirstRunCheck(checks: [graph] + buckets)
                    let api = context.config.source.api == .emulator ? "the built-in emulator" : resolved.baseURL
                    return (await check.run(), (account: account.id, api: "\(api) \(resolved.apiVersion)"))
                }
            }
            if json {
                var object = JSONObject([
                    ("pipeline", .string(context.config.name)), ("account", .string(header.account)),
                    ("api", .string(header.api)),
                ])
                for (key, value) in report.json(exitCode: ExitStatus.code(for:)).members {
                    object.append(key, value)
                }
                printOutput(JSONValue.object(object).jsonText)
            } else if !logging.quiet || report.failure != nil {
                printOutput(
                    "igexport check: \(context.config.name), account \(header.account), \(header.api)\n"
                        + report.text(exitCode: ExitStatus.code(for:))
                )
            }
            if let failure = report.failure {
                throw context.outcome.failed(failure)
            }
        }
    }
}

import ArgumentParser
import IGEngine

extension IGExportCommand {
    struct State: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show where a pipeline's runs are: per account and stream, phase, records, cursor, bookmark."
        )

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        @Flag(help: "Print JSON, for scripts.")
        var json = false

        @Option(
            help: ArgumentHelp(
                "Forget a bookmark, so the next incremental run reads that stream in full again: ACCOUNT/STREAM "
                    + "(as `state` lists it), or `all`. Repeatable.",
                valueName: "key"
            )
        )
        var resetBookmark: [String] = []

        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let context = try CommandContext.load(pipeline, logging: logging)
            let config = context.config
            try await context.reporting {
                if !resetBookmark.isEmpty {
                    let lock = try RunLock(pipeline: config.name, statePath: config.checkpoint.path)
                    let removed = try StateStore(path: config.checkpoint.path).resetBookmarks(
                        resetBookmark.contains("all") ? nil : resetBookmark
                    )
                    withExtendedLifetime(lock) {}
                    let unknown = Set(resetBookmark).subtracting(removed + ["all"])
                    guard unknown.isEmpty else {
                        throw ValidationError(
                            "no bookmark \(unknown.sorted().joined(separator: ", ")); see `igexport state`"
                        )
                    }
                    printOutput("igexport: \(config.name): reset bookmarks: \(removed.joined(separator: ", "))")
                    return
                }
                let report = StateReport(config: config, state: try StateStore(path: config.checkpoint.path).load())
                printOutput(json ? report.json : report.text)
            }
        }
    }
}

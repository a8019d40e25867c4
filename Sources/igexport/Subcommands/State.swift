import ArgumentParser
import Foundation
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
                let folder = StateFolder(config)
                if !resetBookmark.isEmpty {
                    try folder.migrateLegacyState(
                        config: config,
                        fresh: false,
                        now: context.clock.now,
                        logger: context.logger
                    )
                    let removed = try resetBookmarks(
                        in: folder,
                        config: config,
                        keys: resetBookmark.contains("all") ? nil : resetBookmark
                    )
                    let unknown = Set(resetBookmark).subtracting(removed + ["all"])
                    guard unknown.isEmpty else {
                        throw ValidationError(
                            "no bookmark \(unknown.sorted().joined(separator: ", ")); see `igexport state`"
                        )
                    }
                    printOutput("igexport: \(config.name): reset bookmarks: \(removed.joined(separator: ", "))")
                    return
                }
                let report = StateReport(config: config, state: try folder.merged(pipeline: config.name))
                printOutput(json ? report.json : report.text)
            }
        }

        /// Forgets bookmarks in each account's file, under that account's lock (exit 75 when a run holds it).
        private func resetBookmarks(in folder: StateFolder, config: PipelineConfig, keys: [String]?) throws -> [String]
        {
            var removed: [String] = []
            for state in try folder.loadAll() {
                let accounts = Set(
                    state.bookmarks.keys.compactMap { key in key.lastIndex(of: "/").map { String(key[..<$0]) } }
                )
                for account in accounts.sorted() {
                    let accountKeys = keys.map { keys in keys.filter { $0.hasPrefix(account + "/") } }
                    guard accountKeys?.isEmpty != true else { continue }
                    let lock = try folder.lock(account: account, pipeline: config.name, now: Date())
                    removed += try folder.store(account: account).resetBookmarks(accountKeys)
                    withExtendedLifetime(lock) {}
                }
            }
            return removed.sorted()
        }
    }
}

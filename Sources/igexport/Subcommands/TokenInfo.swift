import ArgumentParser
import Foundation
import IGCore
import IGEngine
import IGGraph
import IGOps

extension IGExportCommand.Token {
    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print when the pipeline's token was last refreshed and when it expires, never the token."
        )

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let context = try CommandContext.load(pipeline, logging: logging)
            let config = context.config
            let now = context.clock.now
            let tokens = try await context.reporting { try config.tokens() }
            var lines: [String] = []
            if config.source.api == .emulator, tokens.isEmpty {
                lines.append("\(config.name): the built-in emulator issues its own tokens; there is nothing to track")
            }
            for (token, accounts) in tokens {
                lines.append("\(config.name): token \(token.source) (accounts: \(accounts.joined(separator: ", ")))")
                guard let file = TokenFile(token) else {
                    lines.append(
                        "  age: unknown: igexport tracks only tokens it refreshes, which must be in a file "
                            + "(`token: ${file:PATH}`); long-lived tokens last 60 days from their issue or last refresh"
                    )
                    continue
                }
                let status = TokenStatus(file: file)
                lines += status.report(now: now).map { "  " + $0 }
                if config.source.auth.autoRefresh {
                    let due = status.needsRefresh(now: now, refreshBefore: config.source.auth.refreshBefore)
                    lines.append("  auto_refresh: \(due ? "the next run refreshes it" : "on, not due yet")")
                }
            }
            printOutput(lines.joined(separator: "\n"))
        }
    }
}

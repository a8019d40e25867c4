import ArgumentParser
import Foundation
import IGCore
import IGEngine
import IGGraph
import IGOps

extension IGExportCommand.Token {
    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Refresh the pipeline's file-based token through the API and write it back (mode 0600).",
            discussion: """
                The token must be at least 24 hours old and not expired. A refresh that fails leaves the old \
                token in its file. A token from ${env:NAME} cannot be written back: keep it in a file instead.

                \(ExitStatus.helpText)
                """
        )

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let context = try CommandContext.load(pipeline, logging: logging)
            let config = context.config
            try await context.reporting {
                let tokens = try config.tokens()
                for (token, _) in tokens where TokenFile(token) == nil {
                    throw TokenError(
                        .notRefreshable,
                        message: "\(config.name): the token comes from \(token.source), which igexport cannot write "
                            + "back. Refresh it where that variable is set, or keep the token in a file readable only "
                            + "by igexport's user (chmod 600) and set `token: ${file:/path/to/token}`"
                    )
                }
                guard !tokens.isEmpty else {
                    throw TokenError(
                        .notRefreshable,
                        message: "\(config.name): the built-in emulator issues its own tokens"
                    )
                }
                try await context.withSource { source, http in
                    let refresher = TokenRefresher(
                        http: http,
                        api: source.baseURL,
                        retry: config.http.retry,
                        logger: context.logger
                    )
                    for (token, _) in tokens {
                        guard let file = TokenFile(token) else { continue }
                        let history = try await refresher.refresh(token, in: file, now: context.clock.now).history
                        if !logging.quiet {
                            let expiry = history.expiresAt.formatted(.iso8601)
                            printOutput(
                                "igexport: \(config.name): refreshed the token in \(file.path); it expires \(expiry)"
                            )
                        }
                    }
                }
            }
        }
    }
}

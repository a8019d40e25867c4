import ArgumentParser
import IGCore
import IGEngine
import IGGraph
import IGOps
import Logging

/// Flags that set up logging, shared by the subcommands that do work.
struct LoggingOptions: ParsableArguments {
    /// How log lines are written to stderr.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// swift-log's text lines: time, level, label, message and metadata.
        case text
        /// One JSON object a line (`ts`, `level`, `event`, `pipeline`, `account`, `stream`, figures).
        case json
    }

    @Flag(help: "Print nothing on success: no progress, no summary line.")
    var quiet = false

    @Option(help: "The lowest level logged: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .warning

    @Option(help: "How logs and the summary are written: text, or json (one object a line, all on stderr).")
    var logFormat: Format = .text

    /// Configures swift-log to write to stderr at the chosen level and format, once, and returns the logger.
    func bootstrap(label: String) -> Logger {
        let level = logLevel
        switch logFormat {
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return TerminalSafeLogHandler(wrapped: handler)
            }
        case .json:
            LoggingSystem.bootstrap { _ in JSONLogHandler(level: level, write: { writeStandardError($0.terminalSafe) })
            }
        }
        return Logger(label: label)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

import ArgumentParser
import Logging

/// Flags that set up logging, shared by the subcommands that do work.
struct LoggingOptions: ParsableArguments {
    @Flag(help: "Print nothing on success, not even the summary line.")
    var quiet = false

    @Option(help: "The lowest level logged: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .warning

    /// Configures swift-log to write to stderr at the chosen level, once, and returns the command's logger.
    func bootstrap(label: String) -> Logger {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

import ArgumentParser
import IGEngine

extension IGExportCommand {
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a pipeline file and print it resolved, with defaults and the token redacted."
        )

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let context = try CommandContext.load(pipeline, logging: logging)
            printOutput(context.config.resolvedDescription)
        }
    }
}

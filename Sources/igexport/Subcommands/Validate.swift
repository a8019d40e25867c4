import ArgumentParser
import IGCore
import IGEngine
import IGGraph
import IGOps

extension IGExportCommand {
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a pipeline file and print it resolved, with defaults and the token redacted."
        )

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        func run() async throws {
            do {
                let config = try PipelineConfig.load(path: pipeline)
                printOutput(config.resolvedDescription)
            } catch {
                throw fail(error)
            }
        }
    }
}

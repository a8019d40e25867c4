import ArgumentParser
import IGCore
import IGEngine
import IGGraph
import IGOps

extension IGExportCommand {
    struct State: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show where a pipeline's runs are: per account and stream, phase, records, cursor, bookmark."
        )

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        @Flag(help: "Print JSON, for scripts.")
        var json = false

        func run() async throws {
            do {
                let config = try PipelineConfig.load(path: pipeline)
                let report = StateReport(config: config, state: try StateStore(path: config.checkpoint.path).load())
                printOutput(json ? report.json : report.text)
            } catch {
                throw fail(error)
            }
        }
    }
}

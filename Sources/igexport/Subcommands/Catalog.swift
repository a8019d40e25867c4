import ArgumentParser
import IGEngine

extension IGExportCommand {
    struct Catalog: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the schemas of the streams a pipeline writes (its catalog) as JSON, without running.",
            discussion: """
                One member per file a run writes into `catalog.path`: {stream}.schema.json (JSON Schema \
                2020-12), {stream}.bigquery.json and {stream}.sql (CREATE TABLE for DuckDB and Snowflake). \
                Works whether or not the pipeline sets `catalog:`.
                """
        )

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let context = try CommandContext.load(pipeline, logging: logging)
            printOutput(IGEngine.Catalog(config: context.config).document.jsonText)
        }
    }
}

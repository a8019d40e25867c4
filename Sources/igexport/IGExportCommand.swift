import ArgumentParser
import IGCore
import IGEngine
import IGGraph
import IGOps

@main
struct IGExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "igexport",
        abstract: "Export Instagram profiles and media to NDJSON, CSV, XML and RSS, resumably.",
        discussion: ExitStatus.helpText,
        version: IGExportVersion.current,
        subcommands: [Run.self, Check.self, State.self, Validate.self, Catalog.self, Token.self, Emulator.self]
    )
}

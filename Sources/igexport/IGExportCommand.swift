import ArgumentParser

@main
struct IGExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "igexport")
}

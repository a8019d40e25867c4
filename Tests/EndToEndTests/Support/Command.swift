import Foundation

/// The built `igexport` binary, run as a user would: arguments, environment, a working folder.
struct Command {
    /// What a finished run left behind.
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// `igexport` sits beside the test bundle in SwiftPM's build folder.
    static let binary: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("igexport").path),
            folder.path != "/"
        {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("igexport")
    }()

    /// The package's root folder, where `pipelines/` lives.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    let arguments: [String]
    var environment: [String: String] = [:]
    var directory: URL = Command.packageRoot

    /// Starts the command; the caller waits for it or kills it. `onExit` runs when the process ends.
    func start(onExit: (@Sendable () -> Void)? = nil) throws -> (Process, stdout: Pipe, stderr: Pipe) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["IGEXPORT_CRASH_AT"] = nil
        environment.merge(self.environment) { $1 }
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        if let onExit { process.terminationHandler = { _ in onExit() } }
        try process.run()
        return (process, stdout, stderr)
    }

    /// Runs the command to its end, waiting on a dispatch thread: a test must not block one of the few threads
    /// of Swift's cooperative pool, which every other test shares.
    func run() async throws -> Result {
        try await detached { try runBlocking() }
    }

    /// Runs the command to its end on the calling thread; for code already on a dispatch thread.
    func runBlocking() throws -> Result {
        let (process, stdout, stderr) = try start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errors, as: UTF8.self)
        )
    }
}

import Dispatch
import Foundation

extension Command {
    /// How a process run by `runToEnd()` ended.
    struct Ending {
        let reason: Process.TerminationReason
        let status: Int32
    }

    /// Runs the command to its end on a dispatch thread, with no pipes, and reports how it ended.
    func runToEnd() async throws -> Ending {
        try await detached {
            let (process, _, _) = try start()
            process.waitUntilExit()
            return Ending(reason: process.terminationReason, status: process.terminationStatus)
        }
    }
    /// Runs a shell command line under `script(1)`, whose pseudo-terminal becomes its stdout and stderr.
    func runScript(_ commandLine: String) async throws -> Result {
        try await detached {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", commandLine, "/dev/null"]
            process.currentDirectoryURL = directory
            var environment = ProcessInfo.processInfo.environment
            environment.merge(self.environment) { $1 }
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Result(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
        }
    }

    func detached<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try body() })
            }
        }
    }
}

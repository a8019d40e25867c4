import Dispatch
import Foundation

extension Command {
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

    func detached(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try body() })
            }
        }
    }
}

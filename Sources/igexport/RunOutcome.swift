import ArgumentParser
import Foundation
import IGCore
import IGEngine
import IGGraph
import IGOps
import Logging

/// How a command's end is told, the one place for every subcommand: the summary line of a successful run, or the
/// error of a failure with its exit code, as text or, with `--log-format json`, as a `run.completed` or
/// `run.failed` JSON line on stderr.
struct RunOutcome {
    let format: LoggingOptions.Format
    let quiet: Bool
    /// The pipeline's name, once its file has been read.
    let pipeline: String?

    /// Tells of a successful run, unless `quiet`.
    func completed(_ report: RunStatistics) {
        guard !quiet else { return }
        switch format {
        case .text:
            printOutput("igexport: \(pipeline ?? ""): \(report.summary)")
        case .json:
            var metadata: Logger.Metadata = [
                "run": "\(report.runID)",
                "resumed": "\(report.resumed)",
                "records": .dictionary(report.records.reduce(into: [:]) { $0[$1.key.rawValue] = "\($1.value)" }),
                "skipped": .dictionary(
                    report.skipped.reduce(into: [:]) { result, entry in
                        result[entry.key.rawValue] = .dictionary(entry.value.mapValues { "\($0)" })
                    }
                ),
                "pages": "\(report.pages)",
                "requests": "\(report.requests)",
                "retries": "\(report.retries)",
                "waits": "\(report.waits)",
                "waited_s": "\(report.waitedSeconds)",
                "received_b": "\(report.bytesReceived)",
                "duration_s": "\((report.durationSeconds * 1000).rounded() / 1000)",
                "published": .array(report.published.map { "\($0)" }),
                "exit_code": "\(ExitStatus.ok)",
            ]
            metadata["pipeline"] = pipeline.map { "\($0)" }
            writeStandardError(
                JSONLogHandler.line(date: Date(), level: .notice, event: "run.completed", metadata: metadata)
                    .terminalSafe + "\n"
            )
        }
    }

    /// Tells of a failed run (even when `quiet`: cron should mail it) and returns its exit code.
    func failed(_ error: any Error) -> ExitCode {
        let code = ExitStatus.code(for: error)
        switch format {
        case .text:
            printError("igexport: \(error)")
        case .json:
            var metadata: Logger.Metadata = ["exit_code": "\(code)", "error": "\(error)"]
            metadata["pipeline"] = pipeline.map { "\($0)" }
            writeStandardError(
                JSONLogHandler.line(date: Date(), level: .error, event: "run.failed", metadata: metadata)
                    .terminalSafe + "\n"
            )
        }
        return ExitCode(code)
    }
}

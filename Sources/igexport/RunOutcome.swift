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

    /// Tells of a successful run, unless `quiet`; a run of one shard names it and its accounts.
    func completed(_ report: RunStatistics, shard: Shard? = nil) {
        guard !quiet else { return }
        switch format {
        case .text:
            let scope = shard.map { "shard \($0) (\(Self.accounts(report.accounts))): " } ?? ""
            printOutput("igexport: \(pipeline ?? ""): \(scope)\(report.summary)")
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
            if let shard {
                metadata["shard"] = "\(shard)"
                metadata["accounts"] = .array(report.accounts.map { "\($0)" })
            }
            writeStandardError(
                JSONLogHandler.line(date: Date(), level: .notice, event: "run.completed", metadata: metadata)
                    .terminalSafe + "\n"
            )
        }
    }

    /// The accounts of a shard for the summary line: the first ten, and how many more.
    private static func accounts(_ ids: [String]) -> String {
        guard !ids.isEmpty else { return "no account" }
        let more = ids.count > 10 ? ", and \(ids.count - 10) more" : ""
        return "accounts " + ids.prefix(10).joined(separator: ", ") + more
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

import Foundation
import IGCore
import IGEngine

/// A run's metrics in Prometheus text format, for node_exporter's textfile collector (`*.prom`).
///
/// Every sample is labelled `pipeline="NAME"`, and `shard="I/N"` when the run exported one shard. `igexport_last_success_timestamp_seconds` moves only on
/// success: a failed run carries over the value of the file it replaces (see `lastSuccess(in:pipeline:)`), so
/// `time() - igexport_last_success_timestamp_seconds` keeps growing while runs fail.
public struct MetricsFile: Sendable, Equatable {
    /// The pipeline's name, the `pipeline` label.
    public var pipeline: String
    /// The shard the run exported, the `shard` label; `nil` for a run of every account.
    public var shard: Shard?
    /// When the last successful run ended (Unix seconds); `nil` before the first success.
    public var lastSuccess: Double?
    /// When this run started (Unix seconds).
    public var runStarted: Double
    public var durationSeconds: Double
    public var exitCode: Int32
    /// What the run did (records read so far, for a failed run).
    public var statistics: RunStatistics

    /// Creates the metrics of one run.
    public init(
        pipeline: String,
        lastSuccess: Double?,
        runStarted: Double,
        durationSeconds: Double,
        exitCode: Int32,
        statistics: RunStatistics,
        shard: Shard? = nil
    ) {
        self.pipeline = pipeline
        self.shard = shard
        self.lastSuccess = lastSuccess
        self.runStarted = runStarted
        self.durationSeconds = durationSeconds
        self.exitCode = exitCode
        self.statistics = statistics
    }

    /// The file's text: `# HELP` and `# TYPE` before each metric, one sample a line, a trailing newline.
    public var text: String {
        let label = Self.labels(pipeline: pipeline, shard: shard)
        var lines: [String] = []
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            guard !samples.isEmpty else { return }
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            for sample in samples {
                lines.append("\(name){\(sample.labels)} \(sample.value)")
            }
        }
        metric(
            "igexport_last_success_timestamp_seconds",
            "gauge",
            "Unix time at which the pipeline last completed successfully.",
            lastSuccess.map { [(label, Self.number($0))] } ?? []
        )
        metric(
            "igexport_last_run_timestamp_seconds",
            "gauge",
            "Unix time at which the last run started.",
            [(label, Self.number(runStarted))]
        )
        metric(
            "igexport_last_run_duration_seconds",
            "gauge",
            "How long the last run took.",
            [(label, Self.number(durationSeconds))]
        )
        metric(
            "igexport_last_run_exit_code",
            "gauge",
            "The exit code of the last run (0 is success; see igexport --help).",
            [(label, String(exitCode))]
        )
        metric(
            "igexport_records_total",
            "gauge",
            "Records the last run wrote, by stream.",
            StreamKind.allCases.compactMap { kind in
                statistics.records[kind].map { ("\(label),stream=\"\(kind.rawValue)\"", String($0)) }
            }
        )
        metric(
            "igexport_skipped_total",
            "gauge",
            "What the last run read but did not write, or wrote with a caveat, by stream and reason.",
            StreamKind.allCases.flatMap { kind in
                (statistics.skipped[kind] ?? [:]).sorted { $0.key < $1.key }.map { reason, count in
                    ("\(label),stream=\"\(kind.rawValue)\",reason=\"\(Self.escaped(reason))\"", String(count))
                }
            }
        )
        metric(
            "igexport_files_failed_total",
            "gauge",
            "Media files the last run could not archive after its retries (also in igexport_skipped_total).",
            [(label, String(statistics.skipped.values.reduce(0) { $0 + ($1["files_failed"] ?? 0) }))]
        )
        metric(
            "igexport_requests_total",
            "gauge",
            "HTTP requests the last run sent, retries included.",
            [(label, String(statistics.requests))]
        )
        metric(
            "igexport_retries_total",
            "gauge",
            "Retries the last run made after temporary failures.",
            [(label, String(statistics.retries))]
        )
        return lines.joined(separator: "\n") + "\n"
    }

    /// Replaces the file at `path` atomically (temporary file, fsync, rename), readable by node_exporter (0644).
    public func write(to path: String) throws(MetricsFileError) {
        do {
            try AtomicFile.write(Data(text.utf8), to: path, mode: 0o644, sync: true)
        } catch {
            throw MetricsFileError(path: path, message: "\(error)")
        }
    }

    /// The `igexport_last_success_timestamp_seconds` of `pipeline` (and `shard`) in the file at `path`, if any;
    /// a missing or unreadable file has none.
    public static func lastSuccess(in path: String, pipeline: String, shard: Shard? = nil) -> Double? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let prefix = "igexport_last_success_timestamp_seconds{\(labels(pipeline: pipeline, shard: shard))} "
        for line in text.split(separator: "\n") where line.hasPrefix(prefix) {
            return Double(line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// The labels every sample carries.
    private static func labels(pipeline: String, shard: Shard?) -> String {
        "pipeline=\"\(escaped(pipeline))\"" + (shard.map { ",shard=\"\($0)\"" } ?? "")
    }

    /// The metrics file's path with `{shard}` replaced by the shard's number (`0` for a run of every
    /// account), so that shards sharing a textfile folder write one file each.
    public static func path(_ template: String, shard: Shard?) -> String {
        template.replacingOccurrences(of: "{shard}", with: String(shard?.index ?? 0))
    }

    /// A label value with `\`, `"` and newlines escaped, as the text format requires.
    private static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Integers without a fraction, other values with millisecond precision.
    private static func number(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }
}

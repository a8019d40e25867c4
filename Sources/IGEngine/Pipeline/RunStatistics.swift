/// What a run did, as one value: the figures of the summary line, of the metrics file and of the progress
/// display, for a run that completed as for one that failed part way.
public struct RunStatistics: Sendable, Equatable {
    public var runID = ""
    /// Whether the run continued an interrupted one.
    public var resumed = false
    /// Records written per stream, over every account (after transform steps).
    public var records: [StreamKind: Int] = [:]
    /// What the streams read but did not write, or wrote with a caveat, per stream and reason.
    public var skipped: [StreamKind: [String: Int]] = [:]
    public var pages = 0
    /// HTTP requests sent, retries included.
    public var requests = 0
    public var retries = 0
    /// Waits for throttling (or for usage near the limit), and their total.
    public var waits = 0
    public var waitedSeconds = 0.0
    public var bytesReceived = 0
    public var durationSeconds = 0.0
    /// The files published, in order.
    public var published: [String] = []
    /// The accounts the run was asked to export, in order.
    public var accounts: [String] = []

    /// Creates empty statistics.
    public init() {}

    /// Reads skips in the state file's `stream/reason` form.
    mutating func setSkipped(byKey counts: [String: Int]) {
        skipped = [:]
        for (key, count) in counts {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let stream = StreamKind(rawValue: parts[0]) else { continue }
            skipped[stream, default: [:]][parts[1]] = count
        }
    }

    /// The one line a successful run prints: records per stream, skips, requests, retries, waits, bytes, time,
    /// files.
    public var summary: String {
        let streams = StreamKind.allCases.compactMap { kind in records[kind].map { "\(kind.rawValue)=\($0)" } }
        var parts = [
            "run \(runID)\(resumed ? " (resumed)" : "")",
            "records \(streams.isEmpty ? "0" : streams.joined(separator: " "))",
        ]
        let skips = StreamKind.allCases.flatMap { kind in
            (skipped[kind] ?? [:]).sorted { $0.key < $1.key }.map { "\(kind.rawValue)/\($0.key)=\($0.value)" }
        }
        if !skips.isEmpty { parts.append("skipped \(skips.joined(separator: " "))") }
        parts += [
            "requests \(requests)",
            "retries \(retries)",
            "waits \(waits) (\(Self.formatSeconds(waitedSeconds)))",
            "received \(Self.formatBytes(bytesReceived))",
            "in \(Self.formatSeconds(durationSeconds))",
            "published \(publishedList)",
        ]
        return parts.joined(separator: "; ")
    }

    /// The published files, the first few of a long list (a media archive's thousands of files) and a count.
    private var publishedList: String {
        guard !published.isEmpty else { return "nothing" }
        guard published.count > 12 else { return published.joined(separator: ", ") }
        return published.prefix(10).joined(separator: ", ") + " and \(published.count - 10) more files"
    }

    private static func formatSeconds(_ seconds: Double) -> String {
        seconds < 10 ? "\((seconds * 100).rounded() / 100)s" : "\(Int(seconds.rounded()))s"
    }

    private static func formatBytes(_ bytes: Int) -> String {
        bytes < 1 << 20 ? "\((bytes + 1023) / 1024) KiB" : "\((Double(bytes) / 1_048_576 * 10).rounded() / 10) MiB"
    }
}

/// What a run did: the figures of its summary line and of the metrics file.
public struct RunReport: Sendable {
    public var runID: String
    /// Records written per stream, over every account.
    public var records: [StreamKind: Int] = [:]
    public var pages = 0
    public var requests = 0
    public var retries = 0
    /// Waits for throttling, and their total.
    public var waits = 0
    public var waitedSeconds = 0.0
    public var bytesReceived = 0
    public var durationSeconds = 0.0
    /// Whether the run continued an interrupted one.
    public var resumed = false
    /// The files published, in order.
    public var published: [String] = []

    /// Creates an empty report for a run.
    public init(runID: String) {
        self.runID = runID
    }

    /// The one line a successful run prints: records per stream, requests, retries, waits, bytes, time, files.
    public var summary: String {
        let streams = StreamKind.allCases.compactMap { kind in records[kind].map { "\(kind.rawValue)=\($0)" } }
        var parts = [
            "run \(runID)\(resumed ? " (resumed)" : "")",
            "records \(streams.isEmpty ? "0" : streams.joined(separator: " "))",
            "requests \(requests)",
            "retries \(retries)",
            "waits \(waits) (\(formatSeconds(waitedSeconds)))",
            "received \(formatBytes(bytesReceived))",
            "in \(formatSeconds(durationSeconds))",
        ]
        parts.append("published \(published.isEmpty ? "nothing" : published.joined(separator: ", "))")
        return parts.joined(separator: "; ")
    }

    private func formatSeconds(_ seconds: Double) -> String {
        seconds < 10 ? "\((seconds * 100).rounded() / 100)s" : "\(Int(seconds.rounded()))s"
    }

    private func formatBytes(_ bytes: Int) -> String {
        bytes < 1 << 20 ? "\((bytes + 1023) / 1024) KiB" : "\((Double(bytes) / 1_048_576 * 10).rounded() / 10) MiB"
    }
}

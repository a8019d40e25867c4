import Foundation

/// What `igexport state` shows: per account and stream, where the current run is and what the last completed
/// run reached.
public struct StateReport: Codable, Sendable {
    /// One account's stream.
    public struct Stream: Codable, Sendable {
        public var account: String
        public var stream: String
        /// `pending`, `running` or `done` within the unfinished run; `idle` when no run is unfinished.
        public var phase: String
        /// Records written by the unfinished run, or by the last completed one when none is unfinished.
        public var records: Int
        /// Seconds since the saved cursor was issued, if there is one.
        public var cursorAgeSeconds: Int?
        public var lastCompletedRun: String?
        public var lastCompletedAt: Date?
        /// The newest record's timestamp that the last completed run wrote.
        public var bookmark: String?
    }

    /// The unfinished run, if any.
    public struct Run: Codable, Sendable {
        public var id: String
        public var phase: String
        public var startedAt: Date
        public var updatedAt: Date
    }

    public var pipeline: String
    public var statePath: String
    public var run: Run?
    public var streams: [Stream]

    /// Builds the report of a pipeline's saved state (`nil` when it has never run).
    public init(config: PipelineConfig, state: RunState?, now: Date = Date()) {
        pipeline = config.name
        statePath = config.checkpoint.path
        run = state?.run.map {
            Run(id: $0.id, phase: $0.phase.rawValue, startedAt: $0.startedAt, updatedAt: $0.updatedAt)
        }
        var keys = Set(state?.bookmarks.keys.map { $0 } ?? [])
        keys.formUnion(state?.run?.streams.keys.map { $0 } ?? [])
        streams = keys.sorted().map { key in
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            let current = state?.run?.streams[key]
            let bookmark = state?.bookmarks[key]
            let phase: String
            if state?.run == nil {
                phase = "idle"
            } else if let current {
                phase = current.done ? "done" : "running"
            } else {
                phase = "pending"
            }
            return Stream(
                account: parts.first ?? key,
                stream: parts.count > 1 ? parts[1] : "",
                phase: phase,
                records: current?.records ?? bookmark?.records ?? 0,
                cursorAgeSeconds: current?.cursorSavedAt.map { Int(now.timeIntervalSince($0)) },
                lastCompletedRun: bookmark?.runID,
                lastCompletedAt: bookmark?.completedAt,
                bookmark: bookmark?.newestTimestamp
            )
        }
    }

    /// A table for people.
    public var text: String {
        var lines = ["pipeline \(pipeline) (state \(statePath))"]
        if let run {
            lines.append(
                "unfinished run \(run.id): \(run.phase), started \(Self.format(run.startedAt)), "
                    + "last commit \(Self.format(run.updatedAt)); `igexport run` resumes it"
            )
        } else {
            lines.append(streams.isEmpty ? "no run yet" : "no unfinished run")
        }
        guard !streams.isEmpty else { return lines.joined(separator: "\n") }
        let rows =
            [["ACCOUNT", "STREAM", "PHASE", "RECORDS", "CURSOR AGE", "LAST COMPLETED RUN", "BOOKMARK"]]
            + streams.map { stream in
                [
                    stream.account, stream.stream, stream.phase, String(stream.records),
                    stream.cursorAgeSeconds.map { "\($0)s" } ?? "-",
                    stream.lastCompletedAt.map { "\(Self.format($0)) (\(stream.lastCompletedRun ?? ""))" } ?? "-",
                    stream.bookmark ?? "-",
                ]
            }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            lines.append(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        return lines.joined(separator: "\n")
    }

    /// The report as pretty JSON, for scripts.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    private static func format(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}

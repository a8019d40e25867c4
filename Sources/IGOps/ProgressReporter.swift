import Foundation
import IGCore
import IGEngine
import IGGraph

/// Draws a run's progress on a terminal, in place: one line per account, from the `RunMonitor` the run reports
/// to (pages and records per stream, requests, retries and throttled time).
///
/// Nothing is drawn when `isTerminal` is false. Drawing is throttled to 10 frames a second however often `redraw`
/// is called.
public final class ProgressReporter: Sendable {
    fileprivate struct State {
        var lastDraw: Date?
        var drawnLines = 0
    }

    private let monitor: RunMonitor
    private let isTerminal: Bool
    private let width: Int
    private let write: @Sendable (String) -> Void
    private let state = Locked(State())

    /// Creates a reporter of `monitor` that draws through `write` when `isTerminal`, cutting lines at `width`
    /// columns.
    public init(
        monitor: RunMonitor,
        isTerminal: Bool,
        width: Int = 120,
        write: @escaping @Sendable (String) -> Void
    ) {
        self.monitor = monitor
        self.isTerminal = isTerminal
        self.width = max(20, width)
        self.write = write
    }

    /// Draws the current figures over the previous frame, unless one was drawn less than 100 ms ago.
    public func redraw(now: Date = Date()) {
        guard isTerminal else { return }
        let accounts = monitor.accounts
        let frame: String? = state.withLock { state in
            if let last = state.lastDraw, now.timeIntervalSince(last) < 0.1 { return nil }
            let lines = Self.lines(accounts, now: now).map { String($0.prefix(width - 1)) }
            guard !lines.isEmpty else { return nil }
            var frame = state.drawnLines > 1 ? "\u{1B}[\(state.drawnLines - 1)A" : ""
            frame += lines.map { "\r\u{1B}[K" + $0 }.joined(separator: "\n")
            state.lastDraw = now
            state.drawnLines = lines.count
            return frame
        }
        if let frame { write(frame) }
    }

    /// Erases the last frame, leaving the cursor where the first line was, so that what follows starts clean.
    public func finish() {
        guard isTerminal else { return }
        let drawn = state.withLock { state in
            defer { state.drawnLines = 0 }
            return state.drawnLines
        }
        guard drawn > 0 else { return }
        write("\r\u{1B}[K" + String(repeating: "\u{1B}[1A\r\u{1B}[K", count: drawn - 1))
    }

    /// One line per account: each stream's records (media out of `media_count`) and pages, the rate and, while
    /// media are read, the time left, then requests, retries and throttled time.
    static func lines(_ accounts: [RunMonitor.Account], now: Date) -> [String] {
        accounts.map { account in
            let snapshot = account.counters?.snapshot ?? RequestCounters.Snapshot()
            let elapsed = max(now.timeIntervalSince(account.started), 0.001)
            var parts: [String] = []
            for stream in StreamKind.allCases {
                guard let records = account.records[stream] else { continue }
                let of = stream == .media ? account.mediaCount.map { "/\($0)" } ?? "" : ""
                parts.append("\(stream.rawValue) \(records)\(of) (\(account.pages[stream] ?? 0)p)")
            }
            if parts.isEmpty { parts.append("starting") }
            let total = account.records.values.reduce(0, +)
            parts.append("\(Int((Double(total) / elapsed).rounded())) rec/s")
            if let count = account.mediaCount, let media = account.records[.media], media < count, media > 0 {
                parts.append("ETA \(format(Double(count - media) / (Double(media) / elapsed)))")
            }
            parts.append("\(snapshot.requests) req")
            parts.append("\(snapshot.retries) retries")
            parts.append("throttled \(format(snapshot.throttleWaited.seconds))")
            return "\(account.id): " + parts.joined(separator: " · ")
        }
    }

    private static func format(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole >= 3_600 { return "\(whole / 3_600)h\(String(format: "%02d", whole % 3_600 / 60))m" }
        if whole >= 60 { return "\(whole / 60)m\(String(format: "%02d", whole % 60))s" }
        return "\(whole)s"
    }
}

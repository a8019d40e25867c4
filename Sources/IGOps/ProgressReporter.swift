import Foundation
import IGCore
import IGEngine
import IGGraph

/// Follows a run's progress (pages and records per account and stream, requests, retries and throttled time from
/// each account's `RequestCounters`) and, on a terminal, redraws it in place: one line per account.
///
/// Nothing is drawn when `isTerminal` is false; the figures are still kept, for the metrics of a failed run.
/// Drawing is throttled to 10 frames a second however often `redraw` is called.
public final class ProgressReporter: Sendable {
    /// What is known of one account.
    struct Account {
        var id: String
        var mediaCount: Int?
        var pages: [StreamKind: Int] = [:]
        var records: [StreamKind: Int] = [:]
        var started: Date
        var counters: RequestCounters?
    }

    fileprivate struct State {
        var accounts: [Account] = []
        var lastDraw: Date?
        var drawnLines = 0
    }

    private let isTerminal: Bool
    private let width: Int
    private let write: @Sendable (String) -> Void
    private let state = Locked(State())

    /// Creates a reporter that draws through `write` when `isTerminal`, cutting lines at `width` columns.
    public init(isTerminal: Bool, width: Int = 120, write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.width = max(20, width)
        self.write = write
    }

    /// New counters for `account`'s Graph client, which the reporter reads its requests, retries and waits from.
    public func counters(for account: String) -> RequestCounters {
        let counters = RequestCounters()
        state.withLock { state in
            let index = state.index(of: account)
            state.accounts[index].counters = counters
        }
        return counters
    }

    /// Takes in a run's event; pass it as the runner's progress handler.
    public func handle(_ event: ProgressEvent) {
        state.withLock { state in
            switch event {
            case .profile(let account, let mediaCount):
                state.accounts[state.index(of: account)].mediaCount = mediaCount
            case .page(let account, let stream, let records):
                let index = state.index(of: account)
                state.accounts[index].pages[stream, default: 0] += 1
                state.accounts[index].records[stream, default: 0] += records
            }
        }
    }

    /// Records read so far per stream, over every account.
    public var records: [StreamKind: Int] {
        state.withLock { state in
            state.accounts.reduce(into: [:]) { total, account in total.merge(account.records) { $0 + $1 } }
        }
    }

    /// Requests, retries and waits so far, over every account.
    public var statistics: RequestCounters.Snapshot {
        state.withLock { state in
            state.accounts.reduce(into: RequestCounters.Snapshot()) { total, account in
                guard let snapshot = account.counters?.snapshot else { return }
                total.requests += snapshot.requests
                total.retries += snapshot.retries
                total.throttledWaits += snapshot.throttledWaits
                total.throttleWaited += snapshot.throttleWaited
                total.backoffWaited += snapshot.backoffWaited
                total.bytes += snapshot.bytes
            }
        }
    }

    /// Draws the current figures over the previous frame, unless one was drawn less than 100 ms ago.
    public func redraw(now: Date = Date()) {
        guard isTerminal else { return }
        let frame: String? = state.withLock { state in
            if let last = state.lastDraw, now.timeIntervalSince(last) < 0.1 { return nil }
            let lines = Self.lines(state.accounts, now: now).map { String($0.prefix(width - 1)) }
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
    static func lines(_ accounts: [Account], now: Date) -> [String] {
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

extension ProgressReporter.State {
    fileprivate mutating func index(of account: String) -> Int {
        if let index = accounts.firstIndex(where: { $0.id == account }) { return index }
        accounts.append(ProgressReporter.Account(id: account, started: Date()))
        return accounts.count - 1
    }
}

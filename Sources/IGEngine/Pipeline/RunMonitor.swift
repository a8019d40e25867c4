import Foundation
import IGCore
import IGGraph

/// Follows a run as it goes, from any task: each account's profile, committed pages and skips, and the request
/// counters of its Graph client. Its `statistics` feed the summary, the metrics file and the progress display
/// alike, and stay readable when a run fails part way.
public final class RunMonitor: Sendable {
    /// What is known of one account.
    public struct Account: Sendable {
        public var id: String
        /// The profile's `media_count`, when the API gave one.
        public var mediaCount: Int?
        public var pages: [StreamKind: Int] = [:]
        public var records: [StreamKind: Int] = [:]
        public var skipped: [StreamKind: [String: Int]] = [:]
        /// When the account's first event arrived.
        public var started: Date
        /// The counters of the account's Graph client.
        public var counters: RequestCounters?
    }

    private let clock: any RunClock
    private let state = Locked<[Account]>([])

    /// Creates a monitor that dates accounts with `clock`.
    public init(clock: any RunClock = SystemClock()) {
        self.clock = clock
    }

    /// New counters for `account`'s Graph client, which the monitor reads requests, retries and waits from.
    public func counters(for account: String) -> RequestCounters {
        let counters = RequestCounters()
        update(account) { $0.counters = counters }
        return counters
    }

    /// Notes an account's profile.
    public func profileRead(account: String, mediaCount: Int?) {
        update(account) { $0.mediaCount = mediaCount }
    }

    /// Notes a committed page (as written: after transform steps).
    public func committed(_ page: Page) {
        update(page.account) { account in
            account.pages[page.stream, default: 0] += 1
            account.records[page.stream, default: 0] += page.records.count
            for (reason, count) in page.skipped {
                account.skipped[page.stream, default: [:]][reason, default: 0] += count
            }
        }
    }

    /// Every account, in the order they were first heard of.
    public var accounts: [Account] {
        state.withLock { $0 }
    }

    /// The figures so far, over every account: records, pages and skips of this process, and requests.
    public var statistics: RunStatistics {
        var statistics = RunStatistics()
        for account in accounts {
            statistics.records.merge(account.records, uniquingKeysWith: +)
            statistics.pages += account.pages.values.reduce(0, +)
            for (stream, reasons) in account.skipped {
                statistics.skipped[stream, default: [:]].merge(reasons, uniquingKeysWith: +)
            }
            guard let snapshot = account.counters?.snapshot else { continue }
            statistics.requests += snapshot.requests
            statistics.retries += snapshot.retries
            statistics.waits += snapshot.throttledWaits + snapshot.slowdowns
            statistics.waitedSeconds += snapshot.throttleWaited.seconds
            statistics.bytesReceived += snapshot.bytes
        }
        return statistics
    }

    private func update(_ id: String, _ body: (inout Account) -> Void) {
        let now = clock.now
        state.withLock { accounts in
            if let index = accounts.firstIndex(where: { $0.id == id }) {
                body(&accounts[index])
            } else {
                var account = Account(id: id, started: now)
                body(&account)
                accounts.append(account)
            }
        }
    }
}

import Foundation
import IGCore
import IGGraph

/// An account's metrics by day (`/{account}/insights`), from `days` ago (never past the API's 90-day retention)
/// to today, a page per window of at most 30 days (the API's limit for `since`/`until`): one record per metric
/// and day (`metric`, `period`, `end_time`, `value`).
///
/// `metrics` are read as a series (`values[]`) in one request per window; `follower_count` only for the days
/// within its last 30. `totals` are read as daily totals, `metric_type=total_value`, one request per day, from
/// `total_value.value`. A metric or window the API refuses (code 100) is skipped for that window and counted;
/// the others are kept. A day already written (windows may repeat one at their seams) is not written again. The
/// position's `lastTimestamp` holds the end of the last window read, as Unix seconds, so a resumed run reads on
/// from there.
public struct AccountInsightsStream: AsyncSequence, Sendable {
    public typealias Element = Page

    static let day: Int64 = 86_400
    private let context: StreamContext
    private let config: AccountInsightsConfig
    private let start: StreamPosition

    /// Creates the stream from the saved position `start`.
    public init(_ context: StreamContext, config: AccountInsightsConfig, start: StreamPosition) {
        self.context = context
        self.config = config
        self.start = start
    }

    public func makeAsyncIterator() -> Iterator {
        let today = Int64(context.clock.now.timeIntervalSince1970) / Self.day * Self.day
        let days = Int64(Swift.min(config.days, AccountInsightsConfig.retentionDays))
        let earliest = today - days * Self.day
        let since = Swift.max(start.lastTimestamp.flatMap { Int64($0) } ?? earliest, earliest)
        return Iterator(source: self, position: start, since: since, today: today)
    }

    /// Yields a page per window.
    public struct Iterator: AsyncIteratorProtocol {
        fileprivate let source: AccountInsightsStream
        fileprivate var position: StreamPosition
        fileprivate var since: Int64
        fileprivate let today: Int64
        /// `metric end_time` of every record written by this process, against repeated seam days.
        fileprivate var written: Set<String> = []

        public mutating func next() async throws -> Page? {
            guard !position.done, since < today else { return nil }
            let until = Swift.min(since + 30 * AccountInsightsStream.day, today)
            var skipped: [String: Int] = [:]
            var records = try await source.series(since: since, until: until, today: today, skipped: &skipped)
            records += try await source.totals(since: since, until: until, skipped: &skipped)
            let windowStart = since
            records = records.filter { record in
                let endTime = record["end_time"]?.stringValue ?? ""
                if let seconds = Timestamp(parsing: endTime)?.seconds, seconds <= windowStart, position.pages > 0 {
                    return false
                }
                return written.insert("\(record["metric"]?.stringValue ?? "") \(endTime)").inserted
            }
            position.lastTimestamp = String(until)
            position.done = until >= today
            position.pages += 1
            position.records += records.count
            since = until
            return Page(
                stream: .accountInsights,
                account: source.context.account,
                records: records,
                position: position,
                skipped: skipped
            )
        }
    }

    /// The series metrics of one window, skipping what the API refuses.
    private func series(since: Int64, until: Int64, today: Int64, skipped: inout [String: Int]) async throws
        -> [Record]
    {
        let followerSince = today - Int64(AccountInsightsConfig.followerCountDays) * Self.day
        var metrics = config.metrics.filter { $0 != "follower_count" || since >= followerSince }
        var records: [Record] = []
        while !metrics.isEmpty {
            do {
                let response = try await context.client.object(
                    "\(context.account)/insights",
                    parameters: [
                        ("metric", metrics.joined(separator: ",")), ("period", config.period),
                        ("since", String(since)), ("until", String(until)),
                    ]
                )
                records += Self.records(response, period: config.period)
                return records
            } catch let error as GraphError where error.refusal == .metricNotServed {
                let refused = RefusedMetrics.named(in: error.message, among: metrics) ?? metrics[0]
                metrics.removeAll { $0 == refused }
                skipped[GraphError.Refusal.metricNotServed.rawValue, default: 0] += 1
            }
        }
        return records
    }

    /// The daily totals of one window: one request per day.
    private func totals(since: Int64, until: Int64, skipped: inout [String: Int]) async throws -> [Record] {
        var metrics = config.totals
        var records: [Record] = []
        var day = since
        while day < until, !metrics.isEmpty {
            do {
                let response = try await context.client.object(
                    "\(context.account)/insights",
                    parameters: [
                        ("metric", metrics.joined(separator: ",")), ("period", config.period),
                        ("metric_type", "total_value"), ("since", String(day)), ("until", String(day + Self.day)),
                    ]
                )
                records += Self.records(response, period: config.period, endTime: day + Self.day)
                day += Self.day
            } catch let error as GraphError where error.refusal == .metricNotServed {
                let refused = RefusedMetrics.named(in: error.message, among: metrics) ?? metrics[0]
                metrics.removeAll { $0 == refused }
                skipped[GraphError.Refusal.metricNotServed.rawValue, default: 0] += 1
            }
        }
        return records
    }

    /// The records of an insights answer: a record per point of a series, or one for a total (dated `endTime`).
    private static func records(_ response: JSONObject, period: String, endTime: Int64? = nil) -> [Record] {
        var records: [Record] = []
        for entry in response["data"]?.arrayValue ?? [] {
            guard let object = entry.objectValue, let name = object["name"]?.stringValue else { continue }
            func record(_ end: JSONValue, _ value: JSONValue) -> Record {
                Record([
                    ("metric", .string(name)), ("period", object["period"] ?? .string(period)), ("end_time", end),
                    ("value", value),
                ])
            }
            if let values = object["values"]?.arrayValue {
                for case .object(let point) in values {
                    records.append(record(point["end_time"] ?? .null, point["value"] ?? .null))
                }
            } else if let total = object["total_value"]?.objectValue {
                let end = endTime.map { JSONValue.string(Timestamp(seconds: $0).rfc3339) } ?? .null
                records.append(record(end, total["value"] ?? .null))
            }
        }
        return records
    }
}

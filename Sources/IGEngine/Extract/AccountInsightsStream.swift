import Foundation
import IGCore

/// An account's metrics by day (`/{account}/insights`), read in windows of at most 30 days (the API's limit for
/// `since`/`until`) from `days` ago to today: a page per window, one record per metric and day (`metric`,
/// `period`, `end_time`, `value`). The position's `lastTimestamp` holds the end of the last window read, as Unix
/// seconds, so a resumed run reads on from there.
public struct AccountInsightsStream: AsyncSequence, Sendable {
    public typealias Element = Page

    private static let day: Int64 = 86_400
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
        let since = start.lastTimestamp.flatMap { Int64($0) } ?? today - Int64(config.days) * Self.day
        return Iterator(source: self, position: start, since: since, today: today)
    }

    /// Yields a page per window.
    public struct Iterator: AsyncIteratorProtocol {
        fileprivate let source: AccountInsightsStream
        fileprivate var position: StreamPosition
        fileprivate var since: Int64
        fileprivate let today: Int64

        public mutating func next() async throws -> Page? {
            guard !position.done, since < today else { return nil }
            let until = Swift.min(since + 30 * AccountInsightsStream.day, today)
            let records = try await source.read(since: since, until: until)
            position.lastTimestamp = String(until)
            position.done = until >= today
            position.pages += 1
            position.records += records.count
            since = until
            return Page(stream: .accountInsights, account: source.context.account, records: records, position: position)
        }
    }

    private func read(since: Int64, until: Int64) async throws -> [Record] {
        let response = try await context.client.object(
            "\(context.account)/insights",
            parameters: [
                ("metric", config.metrics.joined(separator: ",")), ("period", config.period),
                ("since", String(since)), ("until", String(until)),
            ]
        )
        var records: [Record] = []
        for entry in response["data"]?.arrayValue ?? [] {
            guard let object = entry.objectValue, let name = object["name"]?.stringValue else { continue }
            for value in object["values"]?.arrayValue ?? [] {
                guard let point = value.objectValue else { continue }
                var record = Record()
                record.append("metric", .string(name))
                record.append("period", object["period"] ?? .string(config.period))
                record.append("end_time", point["end_time"] ?? .null)
                record.append("value", point["value"] ?? .null)
                records.append(record)
            }
        }
        return records
    }
}

import IGCore
import IGGraph

/// The insights of a page of media (`/{media-id}/insights`, one request per media, `concurrency` at a time): one
/// page with one record per media, `media_id`, `media_product_type`, then one field per metric, in media order.
///
/// Metrics differ by product type and the API refuses a whole request that names one it does not serve, so the
/// default sets follow the reference's table (deprecated metrics such as `impressions` and `plays` left out).
/// Carousel children and stories older than a day have none. A refusal that concerns one media's figures
/// (`GraphError.refusal`) writes its metrics as null and counts it as skipped.
public struct MediaInsightsStream: AsyncSequence, Sendable {
    public typealias Element = Page

    /// The documented metrics per `media_product_type`.
    static let defaultMetrics: [String: [String]] = [
        "FEED": [
            "reach", "likes", "comments", "saved", "shares", "total_interactions", "views", "follows", "profile_visits",
        ],
        "REELS": [
            "reach", "likes", "comments", "saved", "shares", "total_interactions", "views", "ig_reels_avg_watch_time",
            "ig_reels_video_view_total_time",
        ],
        "STORY": ["reach", "shares", "total_interactions", "views", "follows", "profile_visits", "replies"],
    ]

    private let context: StreamContext
    private let metrics: [String]
    private let media: [Record]

    /// Creates the stream over a page of `media`; `metrics` empty means the default set of each product type.
    public init(_ context: StreamContext, metrics: [String], media: [Record]) {
        self.context = context
        self.metrics = metrics
        self.media = media
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(source: self)
    }

    /// Yields the one page of insights.
    public struct Iterator: AsyncIteratorProtocol {
        fileprivate let source: MediaInsightsStream
        fileprivate var read = false

        public mutating func next() async throws -> Page? {
            guard !read else { return nil }
            read = true
            let source = source
            let results = try await source.media.boundedMap(limit: source.context.concurrency) {
                try await source.insights(of: $0)
            }
            var skipped: [String: Int] = [:]
            for case (_, let refusal?) in results {
                skipped[refusal.rawValue, default: 0] += 1
            }
            return Page(
                stream: .mediaInsights,
                account: source.context.account,
                records: results.compactMap(\.record),
                skipped: skipped
            )
        }
    }

    /// The insights record of one media, or `nil` for media that have none; with the refusal, if any.
    private func insights(of media: Record) async throws -> (record: Record?, refusal: GraphError.Refusal?) {
        guard let id = GraphID.text(media["id"]) else { return (nil, nil) }
        let productType = media["media_product_type"]?.stringValue ?? "FEED"
        let wanted = metrics.isEmpty ? Self.defaultMetrics[productType] ?? [] : metrics
        guard !wanted.isEmpty else { return (nil, nil) }
        var record = Record()
        record.append("media_id", .string(id))
        record.append("media_product_type", .string(productType))
        var values: [String: JSONValue] = [:]
        var refusal: GraphError.Refusal?
        do {
            let response = try await context.client.object(
                "\(id)/insights",
                parameters: [("metric", wanted.joined(separator: ","))]
            )
            for entry in response["data"]?.arrayValue ?? [] {
                guard let object = entry.objectValue, let name = object["name"]?.stringValue else { continue }
                values[name] =
                    object["values"]?.arrayValue?.first?.objectValue?["value"]
                    ?? object["total_value"]?.objectValue?["value"] ?? .null
            }
        } catch let error as GraphError where error.refusal != nil {
            refusal = error.refusal
        }
        for metric in wanted {
            record.append(metric, values[metric] ?? .null)
        }
        return (record, refusal)
    }
}

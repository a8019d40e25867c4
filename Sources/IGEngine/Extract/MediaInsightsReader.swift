import IGCore
import IGGraph

/// Reads one media's insights into one record: `media_id`, `media_product_type`, then one field per metric.
///
/// Metrics differ by product type, and the API refuses a whole request that names one it does not serve, so
/// the default sets below follow the reference's table (deprecated metrics such as `impressions` and `plays`
/// left out). Carousel children and stories older than a day have none. When the API answers code 10 with "Not enough viewers" (too
/// few viewers to show insights), the metrics are written as null: the media exists, its figures do not.
struct MediaInsightsReader: Sendable {
    let client: any GraphFetching
    /// Metrics to ask for; empty means the default set for each product type.
    let metrics: [String]

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

    /// The insights record of a media record, or `nil` for media that have no insights.
    func read(_ media: Record) async throws -> Record? {
        guard let id = media["id"]?.stringValue else { return nil }
        let productType = media["media_product_type"]?.stringValue ?? "FEED"
        let wanted = metrics.isEmpty ? Self.defaultMetrics[productType] ?? [] : metrics
        guard !wanted.isEmpty else { return nil }
        var record = Record()
        record.append("media_id", .string(id))
        record.append("media_product_type", .string(productType))
        var values: [String: JSONValue] = [:]
        do {
            let response = try await client.object(
                "\(id)/insights",
                parameters: [("metric", wanted.joined(separator: ","))]
            )
            for entry in response["data"]?.arrayValue ?? [] {
                guard let object = entry.objectValue, let name = object["name"]?.stringValue else { continue }
                values[name] =
                    object["values"]?.arrayValue?.first?.objectValue?["value"] ?? object["total_value"]?.objectValue?[
                        "value"
                    ] ?? .null
            }
        } catch let error as GraphError
            where error.code == 10 && error.message.lowercased().contains("not enough viewers")
        {
            values = [:]
        }
        for metric in wanted {
            record.append(metric, values[metric] ?? .null)
        }
        return record
    }
}

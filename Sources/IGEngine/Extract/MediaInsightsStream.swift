import IGCore
import IGGraph

/// The insights of a page of media or stories (`/{media-id}/insights`, one request per media, `concurrency` at a
/// time): one page of records in media order.
///
/// In the long shape (the default) a record is one media, metric, period and end time, with `value` and
/// `reason`; in the wide shape, one record per media with a field per metric. Metrics differ by product type,
/// so the default sets are `InsightMetrics.mediaDefaults` (deprecated metrics such as `impressions` and `plays`
/// left out). A partial answer is not a failed run: a metric the API refuses for a kind of media (code 100) is asked
/// again without it, named from the API's message when it names it and one at a time otherwise, and is not
/// asked again for that kind for the rest of the run (`RefusedMetrics`); a refusal of one media's figures (too
/// few viewers, posted before the business conversion) writes them as null with the reason. Every such skip is
/// counted on the page.
public struct MediaInsightsStream: AsyncSequence, Sendable {
    public typealias Element = Page

    private let context: StreamContext
    private let config: MediaInsightsConfig
    private let refused: RefusedMetrics
    private let media: [Record]

    /// Creates the stream over a page of `media`; `refused` is the run's memory of refused metrics.
    public init(_ context: StreamContext, config: MediaInsightsConfig, refused: RefusedMetrics, media: [Record]) {
        self.context = context
        self.config = config
        self.refused = refused
        self.media = media
    }

    public func makeAsyncIterator() -> SinglePageIterator {
        SinglePageIterator { [self] in try await page() }
    }

    /// The one page of insights.
    private func page() async throws -> Page {
        let results = try await media.boundedMap(limit: context.concurrency) { try await insights(of: $0) }
        var skipped: [String: Int] = [:]
        for result in results {
            skipped.merge(result.skipped, uniquingKeysWith: +)
        }
        return Page(
            stream: .mediaInsights,
            account: context.account,
            records: results.flatMap(\.records),
            skipped: skipped
        )
    }

    /// One metric's answer: its period and its points (end time, value).
    private struct Answer {
        var period: JSONValue
        var points: [(endTime: JSONValue, value: JSONValue)]
    }

    /// The insights records of one media, and what was skipped.
    private func insights(of media: Record) async throws -> (records: [Record], skipped: [String: Int]) {
        guard let id = GraphID.text(media["id"]) else { return ([], [:]) }
        let productType = media["media_product_type"]?.stringValue ?? "FEED"
        let kind = "\(productType)/\(media["media_type"]?.stringValue ?? "")"
        let wanted = InsightMetrics.media(productType: productType, configured: config.metrics)
        guard !wanted.isEmpty else { return ([], [:]) }
        let known = refused.metrics(for: kind)
        var asked = wanted.filter { !known.contains($0) }
        var skipped: [String: Int] = [:]
        var answers: [String: Answer] = [:]
        var reason: GraphError.Refusal?
        func refuse(_ metric: String) {
            refused.add(metric, for: kind)
            asked.removeAll { $0 == metric }
        }
        while !asked.isEmpty, reason == nil {
            do {
                answers.merge(try await request(id, metrics: asked)) { $1 }
                asked = []
            } catch let error as GraphError where error.refusal == .metricNotServed {
                if asked.count == 1 {
                    refuse(asked[0])
                } else if let name = RefusedMetrics.named(in: error.message, among: asked) {
                    refuse(name)
                } else {
                    for metric in asked where reason == nil {
                        do {
                            answers.merge(try await request(id, metrics: [metric])) { $1 }
                        } catch let error as GraphError where error.refusal == .metricNotServed {
                            refused.add(metric, for: kind)
                        } catch let error as GraphError where error.refusal != nil {
                            reason = error.refusal
                        }
                    }
                    asked = []
                }
            } catch let error as GraphError where error.refusal != nil {
                reason = error.refusal
            }
        }
        if let reason {
            skipped[reason.rawValue] = 1
        } else {
            let missing = wanted.filter { answers[$0] == nil }.count
            if missing > 0 { skipped[GraphError.Refusal.metricNotServed.rawValue] = missing }
        }
        let head: [(String, JSONValue)] = [("media_id", .string(id)), ("media_product_type", .string(productType))]
        switch config.shape {
        case .wide:
            var record = Record(head)
            for metric in wanted {
                record.append(metric, answers[metric]?.points.first?.value ?? .null)
            }
            return ([record], skipped)
        case .long:
            var records: [Record] = []
            for metric in wanted {
                if let answer = answers[metric] {
                    for point in answer.points {
                        records.append(
                            Record(
                                head + [
                                    ("metric", .string(metric)), ("period", answer.period), ("end_time", point.endTime),
                                    ("value", point.value), ("reason", .null),
                                ]
                            )
                        )
                    }
                } else if let reason {
                    records.append(
                        Record(
                            head + [
                                ("metric", .string(metric)), ("period", "lifetime"), ("end_time", .null),
                                ("value", .null), ("reason", .string(reason.rawValue)),
                            ]
                        )
                    )
                }
            }
            return (records, skipped)
        }
    }

    /// One insights request, by metric name.
    private func request(_ id: String, metrics: [String]) async throws -> [String: Answer] {
        let response = try await context.client.object(
            "\(id)/insights",
            parameters: [("metric", metrics.joined(separator: ","))]
        )
        var answers: [String: Answer] = [:]
        for entry in response["data"]?.arrayValue ?? [] {
            guard let object = entry.objectValue, let name = object["name"]?.stringValue else { continue }
            var points: [(endTime: JSONValue, value: JSONValue)] = []
            if let values = object["values"]?.arrayValue {
                for case .object(let point) in values {
                    points.append((point["end_time"] ?? .null, point["value"] ?? .null))
                }
            } else if let total = object["total_value"]?.objectValue {
                points.append((.null, total["value"] ?? .null))
            }
            answers[name] = Answer(period: object["period"] ?? "lifetime", points: points)
        }
        return answers
    }
}

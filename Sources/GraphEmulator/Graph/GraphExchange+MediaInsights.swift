extension GraphExchange {
    /// `/{ig-media-id}/insights?metric=…`: lifetime values, whatever `period` says. Refuses, in this order:
    /// - deprecated metrics, "(#100) … no longer supported" (§2.7, §11);
    /// - metrics the media's product type does not serve (§2.7, §11: airbyte#62902), and with
    ///   `refusesSharesOnImages` `shares` on FEED images, "(#100) The metric shares is not supported for this
    ///   media type" (§11: exileum/meta-mcp#174); the served sets are `MediaInsightKind.servedMetrics`;
    /// - album children, and breakdowns a metric does not take (code 1, "An unknown error has occurred.", §2.7);
    /// - media posted before the business conversion (100/2108006, `preConversionShare`, §11);
    /// - stories seen by fewer than five accounts, and with `notEnoughViewersShare` some posts, code 10 (§2.7).
    /// Media older than two years have no stored insights: their data is empty. Story metrics are served while
    /// the story lives (all the emulator's stories are from the last 24 hours).
    func mediaInsights(_ media: MediaRecord) throws(GraphAPIError) -> [UInt8] {
        guard let kind = MediaInsightKind(media) else {
            throw GraphAPIError.invalidParameter("(#100) Insights are not available for carousel album children")
        }
        let names = try metricNames()
        let breakdown = request.parameter("breakdown")
        let served = kind.servedMetrics(refusesSharesOnImages: behaviour.refusesSharesOnImages)
        var metrics: [InsightMetric] = []
        for (index, name) in names.enumerated() {
            if InsightMetric.deprecatedMedia.contains(name) {
                throw GraphAPIError.invalidParameter(
                    "(#100) Starting from v22.0, the \(name) metric is no longer supported for media insights. "
                        + "Use views instead."
                )
            }
            guard let metric = InsightMetric.media.first(where: { $0.name == name }) else {
                throw GraphAPIError.invalidParameter(
                    "(#100) metric[\(index)] must be one of the following values: "
                        + served.map(\.name).joined(separator: ", ")
                )
            }
            guard metric.products.contains(kind.productType) else {
                throw GraphAPIError.invalidParameter(
                    "(#100) The Media Insights API does not support the \(name) metric for this media product type."
                )
            }
            guard served.contains(where: { $0.name == name }) else {
                throw GraphAPIError.invalidParameter("(#100) The metric \(name) is not supported for this media type")
            }
            if let breakdown, metric.breakdown?.name != breakdown {
                throw GraphAPIError.unknownError
            }
            metrics.append(metric)
        }
        if isPostedBeforeConversion(media) {
            throw GraphAPIError.postedBeforeConversion
        }
        if media.smallAudience || hasFewViewers(media) {
            throw GraphAPIError.notEnoughViewers
        }
        if media.timestamp < dataset.referenceTime - 2 * 365 * 86_400 {
            return Array("{\"data\":[]}".utf8)
        }
        var buffer = JSONBuffer(capacity: 256 * metrics.count)
        buffer.raw("{\"data\":[")
        for (index, metric) in metrics.enumerated() {
            if index > 0 {
                buffer.byte(UInt8(ascii: ","))
            }
            let value = insightValue(media, metric.name)
            buffer.raw("{")
            buffer.key("name")
            buffer.string(metric.name)
            buffer.raw(",\"period\":\"lifetime\",")
            if let breakdown = metric.breakdown, self.request.parameter("breakdown") != nil {
                buffer.raw("\"total_value\":{\"value\":\(value),\"breakdowns\":[{\"dimension_keys\":[")
                buffer.string(breakdown.name)
                buffer.raw("],\"results\":[")
                writeBreakdown(breakdown.values, total: value, salt: UInt64(media.id) ?? 0, into: &buffer)
                buffer.raw("]}]}")
            } else {
                buffer.raw("\"values\":[{\"value\":\(value)}]")
            }
            buffer.raw(",")
            buffer.key("title")
            buffer.string(metric.title)
            buffer.raw(",")
            buffer.key("description")
            buffer.string(metric.description)
            buffer.raw(",")
            buffer.key("id")
            buffer.string("\(media.id)/insights/\(metric.name)/lifetime")
            buffer.raw("}")
        }
        buffer.raw("]}")
        return buffer.bytes
    }

    /// One of the oldest `preConversionShare` of the media the account started with.
    private func isPostedBeforeConversion(_ media: MediaRecord) -> Bool {
        guard behaviour.preConversionShare > 0, case .media(_, let ordinal)? = dataset.locations[media.id] else {
            return false
        }
        return ordinal < Int(Double(initialMedia) * behaviour.preConversionShare)
    }

    /// A post or reel drawn, under the seed, among the `notEnoughViewersShare` with too small an audience.
    private func hasFewViewers(_ media: MediaRecord) -> Bool {
        media.productType != .story && behaviour.notEnoughViewersShare > 0
            && SeededRandom.unit(seed, 0x5649_4557_4552_53, UInt64(media.id) ?? 0) < behaviour.notEnoughViewersShare
    }

    func metricNames() throws(GraphAPIError) -> [String] {
        let names = (request.parameter("metric") ?? "").split(separator: ",").map { String($0).trimmingSpaces }
            .filter { !$0.isEmpty }
        guard !names.isEmpty else {
            throw GraphAPIError.invalidParameter("(#100) The parameter metric is required")
        }
        return names
    }

    /// Splits `total` over the breakdown's values, deterministically.
    func writeBreakdown(_ values: [String], total: Int, salt: UInt64, into buffer: inout JSONBuffer) {
        var random = SeededRandom(seed, 0x4252_4541_4B, salt)
        var remaining = total
        for (index, value) in values.enumerated() {
            let share = index == values.count - 1 ? remaining : random.int(0...remaining)
            remaining -= share
            if index > 0 {
                buffer.byte(UInt8(ascii: ","))
            }
            buffer.raw("{\"dimension_values\":[")
            buffer.string(value)
            buffer.raw("],\"value\":\(share)}")
        }
    }

    private func insightValue(_ media: MediaRecord, _ metric: String) -> Int {
        var random = SeededRandom(seed, 0x494E_5349_4748_54, UInt64(media.id) ?? 0)
        let likes = media.likeCount
        let saved = random.int(0...(likes / 5 + 1))
        let shares = random.int(0...(likes / 10 + 1))
        let reach = likes * random.int(3...12) + random.int(5...500)
        let views = reach * random.int(1...3) + random.int(0...200)
        let averageWatch = random.int(1_500...15_000)
        switch metric {
        case "likes": return likes
        case "comments": return media.commentsCount
        case "saved": return saved
        case "shares": return shares
        case "reach": return reach
        case "views": return views
        case "total_interactions": return likes + media.commentsCount + saved + shares
        case "ig_reels_avg_watch_time": return averageWatch
        case "ig_reels_video_view_total_time": return averageWatch * views
        case "reels_skip_rate": return random.int(5...80)
        case "crossposted_views": return views + random.int(0...(views / 3 + 1))
        default:
            var metricRandom = SeededRandom(
                seed,
                UInt64(media.id) ?? 0,
                SeededRandom.hash(metric.utf8.map(UInt64.init))
            )
            return metricRandom.int(0...(reach / 20 + 5))
        }
    }
}

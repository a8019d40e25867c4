extension GraphExchange {
    /// `/{ig-user-id}/insights?metric=…&period=…`. `since`/`until` are unix seconds, both inclusive, 24 hours
    /// before the emulator's reference time by default and at most 30 days apart. Time series come one value a
    /// day with `end_time` at 07:00 UTC (midnight in Menlo Park), with `previous`/`next` time links only while
    /// there is data on that side (the last 90 days).
    ///
    /// Interaction metrics are served only with `metric_type=total_value`, as `total_value.value`; `reach` also
    /// as a time series; `follower_count` only for accounts with at least 100 followers (§2.8, §11). With
    /// `accountInsightRetention`, a window reaching back past the 90-day retention of user metrics is refused,
    /// and so is `follower_count` before the last 30 days (§2.8, §11); both with code 100.
    func accountInsights() throws(GraphAPIError) -> [UInt8] {
        let names = try metricNames()
        guard let period = request.parameter("period") else {
            throw GraphAPIError.invalidParameter("(#100) The parameter period is required")
        }
        let metricType = request.parameter("metric_type") ?? "time_series"
        let breakdown = request.parameter("breakdown")
        let until = try unixTime("until") ?? dataset.referenceTime
        let since = try unixTime("since") ?? until - 86_400
        guard since <= until else {
            throw GraphAPIError.invalidParameter("(#100) The since timestamp must be before the until timestamp")
        }
        guard until - since <= 30 * 86_400 else {
            throw GraphAPIError.invalidParameter(
                "(#100) There cannot be more than 30 days (2592000 s) between since and until"
            )
        }
        let retention = behaviour.accountInsightRetention
        if retention, since < dataset.referenceTime - 90 * 86_400 {
            throw GraphAPIError.invalidParameter(
                "(#100) Insights are only available for the last 90 days: since must not be before "
                    + String(dataset.referenceTime - 90 * 86_400)
            )
        }
        var metrics: [AccountMetric] = []
        for (index, name) in names.enumerated() {
            guard let metric = AccountMetric.all.first(where: { $0.name == name }),
                !AccountMetric.deprecated.contains(name)
            else {
                let known = AccountMetric.all.map(\.name).joined(separator: ", ")
                throw GraphAPIError.invalidParameter(
                    "(#100) metric[\(index)] must be one of the following values: \(known)"
                )
            }
            try check(metric, period: period, metricType: metricType, breakdown: breakdown)
            if retention, metric.kind == .followerCount, since < dataset.referenceTime - 30 * 86_400 {
                throw GraphAPIError.invalidParameter(
                    "(#100) follower_count is only available for the last 30 days: since must not be before "
                        + String(dataset.referenceTime - 30 * 86_400)
                )
            }
            metrics.append(metric)
        }
        var buffer = JSONBuffer(capacity: 1_024)
        buffer.raw("{\"data\":[")
        for (index, metric) in metrics.enumerated() {
            if index > 0 {
                buffer.byte(UInt8(ascii: ","))
            }
            buffer.raw("{")
            buffer.key("name")
            buffer.string(metric.name)
            buffer.raw(",")
            buffer.key("period")
            buffer.string(period)
            buffer.raw(",")
            let salt = SeededRandom.hash(metric.name.utf8.map(UInt64.init))
            if metricType == "total_value" {
                let total = dailyValue(salt: salt, day: since / 86_400) * max(1, Int((until - since) / 86_400))
                buffer.raw("\"total_value\":{\"value\":\(total)")
                if let breakdown, let values = AccountMetric.breakdowns[breakdown] {
                    buffer.raw(",\"breakdowns\":[{\"dimension_keys\":[")
                    buffer.string(breakdown)
                    buffer.raw("],\"results\":[")
                    writeBreakdown(values, total: total, salt: salt, into: &buffer)
                    buffer.raw("]}]")
                }
                buffer.raw("},")
            } else {
                buffer.raw("\"values\":[")
                let firstEnd = (since - 25_200) / 86_400 * 86_400 + 25_200 + 86_400
                let days = max(1, (until - since + 86_399) / 86_400)
                for day in 0..<days {
                    let end = firstEnd + day * 86_400
                    if day > 0 {
                        buffer.byte(UInt8(ascii: ","))
                    }
                    buffer.raw("{\"value\":\(dailyValue(salt: salt, day: end / 86_400)),\"end_time\":")
                    buffer.string(GraphTime.format(end))
                    buffer.byte(UInt8(ascii: "}"))
                }
                buffer.raw("],")
            }
            buffer.key("title")
            buffer.string(metric.title)
            buffer.raw(",")
            buffer.key("id")
            buffer.string("\(account.userID)/insights/\(metric.name)/\(period)")
            buffer.raw("}")
        }
        buffer.raw("]")
        if metricType != "total_value" {
            writeTimePaging(since: since, until: until, into: &buffer)
        }
        buffer.raw("}")
        return buffer.bytes
    }

    private func check(
        _ metric: AccountMetric,
        period: String,
        metricType: String,
        breakdown: String?
    ) throws(GraphAPIError) {
        switch metric.kind {
        case .interaction, .reach:
            guard period == "day" else {
                throw GraphAPIError.invalidParameter("(#100) metric \(metric.name) supports only period day")
            }
            if metric.kind == .interaction, metricType != "total_value" {
                throw GraphAPIError.invalidParameter(
                    "(#100) The following metrics (\(metric.name)) should be specified with parameter "
                        + "metric_type=total_value"
                )
            }
        case .followerCount:
            guard period == "day", metricType == "time_series" else {
                throw GraphAPIError.invalidParameter("(#100) follower_count supports only period day as a time series")
            }
            guard account.followersCount >= 100 else {
                throw GraphAPIError.invalidParameter(
                    "(#100) follower_count is not available for accounts with fewer than 100 followers"
                )
            }
        case .demographics:
            guard period == "lifetime", metricType == "total_value", request.parameter("timeframe") != nil else {
                throw GraphAPIError.invalidParameter(
                    "(#100) \(metric.name) needs period=lifetime, metric_type=total_value and a timeframe"
                )
            }
        }
        if let breakdown {
            guard metricType == "total_value", AccountMetric.breakdowns[breakdown] != nil else {
                throw GraphAPIError.unknownError
            }
        }
    }

    private func dailyValue(salt: UInt64, day: Int64) -> Int {
        var random = SeededRandom(seed, UInt64(account.index), salt, UInt64(bitPattern: day))
        return random.int(0...(account.followersCount / 10 + 20))
    }

    private func writeTimePaging(since: Int64, until: Int64, into buffer: inout JSONBuffer) {
        let span = max(until - since, 86_400)
        let hasPrevious = since - span >= dataset.referenceTime - 90 * 86_400
        let hasNext = until < dataset.referenceTime
        guard hasPrevious || hasNext else { return }
        let base = request.parameters.filter { $0.name != "since" && $0.name != "until" }
        let object = request.components[0] == "me" ? account.userID : request.components[0]
        buffer.raw(",\"paging\":{")
        if hasPrevious {
            buffer.key("previous")
            buffer.string(
                link(
                    object: object,
                    edge: "insights",
                    parameters: base + [("since", String(since - span)), ("until", String(since))]
                )
            )
        }
        if hasNext {
            if hasPrevious {
                buffer.byte(UInt8(ascii: ","))
            }
            buffer.key("next")
            buffer.string(
                link(
                    object: object,
                    edge: "insights",
                    parameters: base + [("since", String(until)), ("until", String(until + span))]
                )
            )
        }
        buffer.raw("}")
    }
}

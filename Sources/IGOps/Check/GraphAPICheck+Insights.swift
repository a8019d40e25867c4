import Foundation
import IGCore
import IGEngine
import IGGraph

extension GraphAPICheck {
    /// How many media of one kind are tried before its figures count as withheld: a media posted before the
    /// business conversion, or seen by too few, says nothing about the metrics of the others.
    static let mediaTriedPerKind = 3

    /// One insights request per kind of media on the first page (and for the story), each refused metric asked
    /// again without, as a run does.
    func checkMediaInsights(_ configured: [String], _ findings: Findings) async -> CheckResult {
        let name = StreamKind.mediaInsights.rawValue
        guard let media = findings.media else {
            return CheckResult(name: name, status: .unchecked, summary: "not tried: it needs the first media page")
        }
        let kinds = Self.kinds(of: media + (findings.story.map { [$0] } ?? []))
        guard !kinds.isEmpty else {
            return CheckResult(name: name, status: .unchecked, summary: "not tried: no media to ask about")
        }
        var result = CheckResult(name: name, status: .ok, summary: "")
        var parts: [String] = []
        var answeredAny = false
        for kind in kinds {
            var metrics = InsightMetrics.media(productType: kind.productType, configured: configured)
            guard !metrics.isEmpty else {
                parts.append("\(kind.label) has no documented metrics")
                continue
            }
            let count = metrics.count
            var served: Int?
            for record in kind.media.prefix(Self.mediaTriedPerKind) {
                guard let id = Self.id(record["id"]) else { continue }
                let client = client
                let outcome = await MetricProbe { asked in
                    try await client.object("\(id)/insights", parameters: [("metric", asked.joined(separator: ","))])
                }
                .run(metrics)
                for (metric, error) in outcome.refused {
                    result.refusals.append(
                        CheckRefusal(
                            subject: "metric \(metric) for \(kind.label) media",
                            error: error,
                            action: "the run skips it for \(kind.label) media and counts it as skipped"
                        )
                    )
                    metrics.removeAll { $0 == metric }
                }
                guard let error = outcome.error else {
                    served = outcome.answered.count
                    break
                }
                guard let graphError = error as? GraphError, let refusal = graphError.refusal else {
                    result.status = .refused
                    result.failure = error
                    result.summary = (parts + ["\(kind.label) refused"]).joined(separator: "; ")
                    return result
                }
                result.refusals.append(
                    CheckRefusal(
                        subject: "the figures of media \(id) (\(kind.label))",
                        error: graphError,
                        action: "the run writes its figures as null and counts it as skipped (\(refusal.rawValue))"
                    )
                )
            }
            if metrics.isEmpty {
                parts.append("\(kind.label) every metric refused")
            } else if let served {
                answeredAny = true
                parts.append("\(kind.label) \(served) of \(count) metrics")
            } else {
                parts.append("\(kind.label) figures withheld")
            }
        }
        result.summary = parts.joined(separator: "; ")
        if !result.refusals.isEmpty {
            result.status = answeredAny ? .partial : .refused
        }
        return result
    }

    /// Yesterday's account insights: the time-series metrics (`reach`, `follower_count`) in one request, the
    /// interaction metrics with `metric_type=total_value` in another, each refused metric asked again without.
    func checkAccountInsights(_ config: AccountInsightsConfig) async -> CheckResult {
        let day: Int64 = 86_400
        let today = Int64(now.timeIntervalSince1970) / day * day
        let window = [("period", config.period), ("since", String(today - day)), ("until", String(today))]
        let series = config.metrics.filter { !InsightMetrics.accountTotalValueOnly.contains($0) }
        let totals = config.metrics.filter { InsightMetrics.accountTotalValueOnly.contains($0) }
        var result = CheckResult(name: StreamKind.accountInsights.rawValue, status: .ok, summary: "")
        var parts: [String] = []
        for (metrics, extra) in [(series, [(String, String)]()), (totals, [("metric_type", "total_value")])]
        where !metrics.isEmpty {
            let client = client
            let path = "\(account)/insights"
            let outcome = await MetricProbe { asked in
                try await client.object(path, parameters: [("metric", asked.joined(separator: ","))] + window + extra)
            }
            .run(metrics)
            for (metric, error) in outcome.refused {
                result.refusals.append(
                    CheckRefusal(
                        subject: "account metric \(metric)",
                        error: error,
                        action: "the run skips \(metric) for each window the API refuses it in, keeps the other "
                            + "metrics, and counts it as skipped"
                    )
                )
            }
            if let error = outcome.error {
                result.status = .refused
                result.failure = error
                result.summary = (parts + ["GET \(path) was refused"]).joined(separator: "; ")
                return result
            }
            parts += metrics.compactMap { metric in
                outcome.answered[metric].map { Self.describe(metric, $0) }
            }
        }
        result.summary =
            parts.isEmpty ? "no metric answered for yesterday" : "yesterday: " + parts.joined(separator: ", ")
        if !result.refusals.isEmpty {
            result.status = parts.isEmpty ? .refused : .partial
        }
        return result
    }

    /// `reach 1 daily value` for a time series, `views 123 (total_value)` for a total.
    private static func describe(_ metric: String, _ entry: JSONObject) -> String {
        if let total = entry["total_value"]?.objectValue?["value"] {
            return "\(metric) \(total.jsonText) (total_value)"
        }
        let count = entry["values"]?.arrayValue?.count ?? 0
        return "\(metric) \(count) daily value\(count == 1 ? "" : "s")"
    }
}

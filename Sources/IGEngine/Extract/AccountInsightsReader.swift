import IGCore
import IGGraph

/// Reads account metrics by day for one time window: one record per metric and day
/// (`metric`, `period`, `end_time`, `value`).
struct AccountInsightsReader: Sendable {
    let client: any GraphFetching
    let account: String
    let config: AccountInsightsConfig

    func read(since: Int64, until: Int64) async throws -> [Record] {
        let response = try await client.object(
            "\(account)/insights",
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

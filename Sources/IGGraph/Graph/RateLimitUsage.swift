import IGCore

/// The rate-limit usage the API reports in its response headers.
///
/// `X-App-Usage` holds percentages for the app: `call_count`, `total_time`, `total_cputime` on Facebook Login,
/// `call_volume`, `cpu_time` on Instagram Login;
/// `X-Business-Use-Case-Usage` maps business-object ids to arrays of rows, of which those of type `instagram`
/// apply here, with the same percentages and `estimated_time_to_regain_access` in minutes. Which one
/// graph.instagram.com sends today is not documented, so both are read; a header that does not parse counts
/// as absent. The headers come from outside, so every figure is clamped (percentages to
/// `0...maximumPercentage`, the wait to `maximumRegainMinutes`) and NaN counts as absent: a hostile header can
/// neither trap an integer conversion nor ask for an endless wait.
public struct RateLimitUsage: Sendable, Equatable {
    /// The highest percentage in `X-App-Usage`, when sent.
    public var appUsage: Int?
    /// The highest percentage over the `instagram` rows of `X-Business-Use-Case-Usage`, when sent.
    public var businessUseCaseUsage: Int?
    /// The longest `estimated_time_to_regain_access`, when one is above zero.
    public var regainAccessAfter: Duration?

    /// The highest usage percentage of either header, or 0 when neither was sent.
    public var highestPercentage: Int {
        max(appUsage ?? 0, businessUseCaseUsage ?? 0)
    }

    /// Creates usage figures.
    public init(appUsage: Int? = nil, businessUseCaseUsage: Int? = nil, regainAccessAfter: Duration? = nil) {
        self.appUsage = appUsage
        self.businessUseCaseUsage = businessUseCaseUsage
        self.regainAccessAfter = regainAccessAfter
    }

    /// Reads the usage headers of a response.
    public init(headers: HTTPHeaders) {
        self.init(appUsage: headers["x-app-usage"], businessUseCaseUsage: headers["x-business-use-case-usage"])
    }

    /// Reads the two headers' values.
    public init(appUsage: String?, businessUseCaseUsage: String?) {
        var regainMinutes = 0.0
        if let row = appUsage.flatMap(Self.parse)?.objectValue {
            self.appUsage = Self.highestPercentage(in: row)
            regainMinutes = max(regainMinutes, Self.regainMinutes(in: row))
        }
        if let accounts = businessUseCaseUsage.flatMap(Self.parse)?.objectValue {
            var highest: Int?
            for (_, value) in accounts.members {
                let rows = value.arrayValue ?? [value]
                for row in rows.compactMap(\.objectValue) {
                    if let type = row["type"]?.stringValue, type.lowercased() != "instagram" { continue }
                    if let percent = Self.highestPercentage(in: row) {
                        highest = max(highest ?? 0, percent)
                    }
                    regainMinutes = max(regainMinutes, Self.regainMinutes(in: row))
                }
            }
            self.businessUseCaseUsage = highest
        }
        if regainMinutes > 0 {
            regainAccessAfter = .seconds(regainMinutes * 60)
        }
    }

    /// The highest percentage kept; usage above 100 is possible (over the limit), far above it is noise.
    public static let maximumPercentage = 1000.0
    /// The longest wait kept, in minutes: a day.
    public static let maximumRegainMinutes = 24.0 * 60

    private static let percentageKeys = ["call_count", "total_time", "total_cputime", "call_volume", "cpu_time"]

    private static func parse(_ header: String) -> JSONValue? {
        try? JSONParser.parse(Array(header.utf8))
    }

    private static func highestPercentage(in row: JSONObject) -> Int? {
        let values = percentageKeys.compactMap { number(row[$0]) }
        return values.max().map { Int(min(max($0, 0), maximumPercentage).rounded(.up)) }
    }

    private static func regainMinutes(in row: JSONObject) -> Double {
        min(max(number(row["estimated_time_to_regain_access"]) ?? 0, 0), maximumRegainMinutes)
    }

    /// A number sent as a JSON number or as a numeric string; NaN is no number. Infinities are kept for the
    /// callers to clamp.
    private static func number(_ value: JSONValue?) -> Double? {
        let number: Double?
        switch value {
        case .int(let integer)?: number = Double(integer)
        case .double(let double)?: number = double
        case .number(let text)?, .string(let text)?: number = Double(text)
        default: number = nil
        }
        return number.flatMap { $0.isNaN ? nil : $0 }
    }
}

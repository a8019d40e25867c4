/// Durations as the command line writes them: a number and a unit, `40ms`, `2s`, `1.5m`, `1h`, `1d`.
public enum DurationSyntax {
    /// Parses `text`; the unit is required so that `40` is never silently read as seconds.
    public static func parse(_ text: String) throws(EmulatorConfigurationError) -> Duration {
        let trimmed = text.trimmingSpaces
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("ms", 1e6), ("us", 1e3), ("ns", 1), ("s", 1e9), ("m", 60e9), ("h", 3600e9), ("d", 86_400e9),
        ]
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            let number = trimmed.dropLast(unit.suffix.count)
            guard let value = Double(number), value >= 0, value.isFinite else { break }
            return .nanoseconds(Int64((value * unit.nanoseconds).rounded()))
        }
        throw EmulatorConfigurationError(
            item: text,
            message: "a duration is a non-negative number with a unit: ms, s, m, h or d (e.g. 40ms, 2s, 1m)"
        )
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

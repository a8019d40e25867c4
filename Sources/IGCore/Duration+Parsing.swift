extension Duration {
    /// Parses a duration such as `500ms`, `30s`, `2m`, `1h` or `3d`; `nil` when the text is not one, or when it
    /// is longer than `maximumConfigured` (`999999999999d` would not even fit the milliseconds in 64 bits).
    ///
    /// A bare number is refused: `30` could mean seconds or milliseconds, and a wrong guess is a silent bug.
    public init?(configText text: String) {
        let units: [(suffix: String, seconds: Double)] = [
            ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                let value = Double(number), value * unit.seconds <= Self.maximumConfigured.seconds
            else { return nil }
            self = .milliseconds(Int64((value * unit.seconds * 1000).rounded()))
            return
        }
        return nil
    }

    /// The longest duration a config may give: 100 years.
    public static let maximumConfigured = Duration.seconds(36_500 * 86_400)

    /// The duration in seconds, as a `Double`.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The shortest config text for this duration (`500ms`, `30s`, `2m`, `3d`).
    public var configText: String {
        let milliseconds = Int64((seconds * 1000).rounded())
        for (suffix, size) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000)]
        where milliseconds != 0 && milliseconds % size == 0 {
            return "\(milliseconds / size)\(suffix)"
        }
        return "\(milliseconds)ms"
    }
}

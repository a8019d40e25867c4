/// A per-account call budget over a rolling window, like Instagram's Business Use Case limit.
public struct RateLimit: Sendable, Equatable {
    /// Calls allowed within `window`.
    public var calls: Int
    /// The rolling window over which calls are counted.
    public var window: Duration

    public init(calls: Int, window: Duration) {
        self.calls = calls
        self.window = window
    }

    /// Parses `CALLS/WINDOW`, e.g. `200/1h` or `5/2s`.
    public init(parsing text: String) throws(EmulatorConfigurationError) {
        let parts = text.trimmingSpaces.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let calls = Int(parts[0]), calls > 0 else {
            throw EmulatorConfigurationError(
                item: text,
                message: "a rate limit is CALLS/WINDOW with CALLS a positive whole number (e.g. 200/1h, 5/2s)"
            )
        }
        let window = try DurationSyntax.parse(String(parts[1]))
        guard window > .zero else {
            throw EmulatorConfigurationError(item: text, message: "the window of a rate limit must be longer than 0")
        }
        self.init(calls: calls, window: window)
    }
}

/// A configuration value the emulator cannot use: a bad fault item, rate limit or duration.
public struct EmulatorConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text that was refused, e.g. `http500=2`.
    public var item: String
    /// What is wrong with it and what would be accepted.
    public var message: String

    public init(item: String, message: String) {
        self.item = item
        self.message = message
    }

    public var description: String {
        "invalid value \"\(item)\": \(message)"
    }
}

import IGCore

/// HTTP settings: timeouts, retries and how many requests run at once.
public struct HTTPConfig: Sendable, Equatable {
    /// The limit on one whole request.
    public var timeout: Duration = .seconds(30)
    /// The limit on establishing a connection.
    public var connectTimeout: Duration = .seconds(10)
    public var retry = RetryConfig()
    /// The number of requests in flight at once (fan-out per media and per account).
    public var concurrency = 4

    /// Creates the default settings.
    public init() {}
}

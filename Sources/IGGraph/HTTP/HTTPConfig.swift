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
    /// The largest response body accepted, in bytes after decompression (`http.max_body`); a longer one is
    /// cut off as it arrives, so a gzip bomb or an endless body cannot exhaust memory.
    public var maxBody = HTTPConfig.defaultMaxBody

    /// 64 MiB: a Graph page of 100 media with every field is well under 1 MiB.
    public static let defaultMaxBody = 64 << 20

    /// Creates the default settings.
    public init() {}
}

import IGCore

/// How transient failures and throttling are retried.
public struct RetryConfig: Sendable, Equatable {
    /// Attempts per request, the first one included.
    public var maxAttempts = 8
    /// The first backoff ceiling; each retry doubles it, with full jitter.
    public var baseDelay: Duration = .milliseconds(500)
    /// The largest backoff ceiling.
    public var maxDelay: Duration = .seconds(120)
    /// The longest single wait the run accepts; a longer required wait checkpoints and exits 75.
    public var maxWait: Duration = .seconds(900)

    /// Creates the default settings.
    public init() {}
}

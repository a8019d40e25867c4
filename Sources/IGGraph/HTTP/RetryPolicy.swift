import IGCore

/// What the Graph client does about failures and rate limits, from the pipeline's `http.retry` section.
///
/// Transient failures back off with full jitter up to `maxAttempts`; throttling waits as the usage headers say
/// unless that is longer than `maxWait`; usage above `slowdownThreshold` slows requests down before the API
/// starts refusing them; "reduce the amount of data" halves the page size down to `minimumPageSize`.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts per request, the first one included.
    public var maxAttempts: Int
    /// The backoff between attempts.
    public var backoff: Backoff
    /// The longest single wait accepted; a longer one ends the run so it can be resumed later.
    public var maxWait: Duration
    /// The usage percentage above which requests are spaced out.
    public var slowdownThreshold = 80
    /// The smallest page size that halving reaches.
    public var minimumPageSize = 10

    /// A policy from the pipeline's settings.
    public init(_ config: RetryConfig) {
        maxAttempts = max(1, config.maxAttempts)
        backoff = Backoff(baseDelay: config.baseDelay, maxDelay: config.maxDelay)
        maxWait = config.maxWait
    }

    /// The pause before the next request when the API reports `percent` usage: nothing up to the threshold,
    /// then growing in proportion to reach `backoff.maxDelay` at 100 %.
    public func slowdown(forUsage percent: Int) -> Duration {
        guard percent > slowdownThreshold else { return .zero }
        let fraction = min(1, Double(percent - slowdownThreshold) / Double(max(1, 100 - slowdownThreshold)))
        return .seconds(backoff.maxDelay.seconds * fraction)
    }

    /// The page size to try after the API asked for less data, or `nil` when `limit` cannot shrink further.
    public func reducedPageSize(from limit: Int) -> Int? {
        guard limit > minimumPageSize else { return nil }
        return max(minimumPageSize, limit / 2)
    }
}

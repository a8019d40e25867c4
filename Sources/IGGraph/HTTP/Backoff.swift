import IGCore

/// Exponential backoff with full jitter: retry `n` (from 0) waits a uniformly random time between zero and
/// `min(maxDelay, baseDelay * 2^n)`.
///
/// Full jitter spreads the retries of many clients over the whole window instead of bunching them at its
/// edge, which is what an API that is already struggling needs (AWS Architecture Blog, "Exponential Backoff
/// And Jitter").
public struct Backoff: Sendable, Equatable {
    /// The ceiling of the first retry.
    public var baseDelay: Duration
    /// The largest ceiling.
    public var maxDelay: Duration

    /// Creates a backoff.
    public init(baseDelay: Duration, maxDelay: Duration) {
        self.baseDelay = baseDelay
        self.maxDelay = max(maxDelay, .zero)
    }

    /// The longest wait before retry number `retry` (0 for the first retry).
    public func ceiling(forRetry retry: Int) -> Duration {
        let doubling = Double(sign: .plus, exponent: min(max(retry, 0), 64), significand: 1)
        let seconds = baseDelay.seconds * doubling
        return seconds < maxDelay.seconds ? .seconds(seconds) : maxDelay
    }

    /// A random wait before retry number `retry`, drawn from `generator`.
    public func delay(forRetry retry: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = ceiling(forRetry: retry).seconds
        guard ceiling > 0 else { return .zero }
        return .seconds(Double.random(in: 0...ceiling, using: &generator))
    }
}

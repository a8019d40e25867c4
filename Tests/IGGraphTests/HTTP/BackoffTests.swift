import Testing

@testable import IGCore
@testable import IGGraph

@Suite struct BackoffTests {
    /// A deterministic generator (SplitMix64), so jitter is reproducible.
    struct SeededGenerator: RandomNumberGenerator, Sendable {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func doublesTheCeilingUpToTheMaximum() {
        let backoff = Backoff(baseDelay: .milliseconds(500), maxDelay: .seconds(5))
        #expect(backoff.ceiling(forRetry: 0) == .milliseconds(500))
        #expect(backoff.ceiling(forRetry: 1) == .seconds(1))
        #expect(backoff.ceiling(forRetry: 3) == .seconds(4))
        #expect(backoff.ceiling(forRetry: 4) == .seconds(5))
        #expect(backoff.ceiling(forRetry: 10_000) == .seconds(5))
    }

    @Test func drawsEveryDelayBetweenZeroAndTheCeiling() {
        let backoff = Backoff(baseDelay: .milliseconds(100), maxDelay: .seconds(2))
        var generator = SeededGenerator(state: 7)
        for retry in 0..<12 {
            var delays: [Duration] = []
            for _ in 0..<200 {
                let delay = backoff.delay(forRetry: retry, using: &generator)
                #expect(delay >= .zero && delay <= backoff.ceiling(forRetry: retry))
                delays.append(delay)
            }
            // Full jitter: the draws cover the window, not just its upper end.
            #expect(delays.min()! < backoff.ceiling(forRetry: retry) / 4)
            #expect(delays.max()! > backoff.ceiling(forRetry: retry) * 3 / 4)
        }
    }

    @Test func isReproducibleWithTheSameSeed() {
        let backoff = Backoff(baseDelay: .seconds(1), maxDelay: .seconds(60))
        var first = SeededGenerator(state: 42)
        var second = SeededGenerator(state: 42)
        let a = (0..<8).map { backoff.delay(forRetry: $0, using: &first) }
        let b = (0..<8).map { backoff.delay(forRetry: $0, using: &second) }
        #expect(a == b)
    }

    @Test func slowsDownOnlyAboveEightyPercentUsage() {
        var config = RetryConfig()
        config.maxDelay = .seconds(40)
        let policy = RetryPolicy(config)
        #expect(policy.slowdown(forUsage: 50) == .zero)
        #expect(policy.slowdown(forUsage: 80) == .zero)
        #expect(policy.slowdown(forUsage: 90) == .seconds(20))
        #expect(policy.slowdown(forUsage: 100) == .seconds(40))
        #expect(policy.slowdown(forUsage: 150) == .seconds(40))
    }

    @Test func halvesThePageSizeButNotBelowTen() {
        let policy = RetryPolicy(RetryConfig())
        #expect(policy.reducedPageSize(from: 100) == 50)
        #expect(policy.reducedPageSize(from: 25) == 12)
        #expect(policy.reducedPageSize(from: 15) == 10)
        #expect(policy.reducedPageSize(from: 10) == nil)
    }
}

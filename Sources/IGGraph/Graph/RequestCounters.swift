import IGCore

/// What a `GraphClient` has done so far, for the run's summary and metrics; shared by every copy of the
/// client and safe to read from any task.
public final class RequestCounters: Sendable {
    /// The counters at one moment.
    public struct Snapshot: Sendable, Equatable {
        /// HTTP requests sent, retries included.
        public var requests = 0
        /// Retries after transient failures.
        public var retries = 0
        /// Waits because the API throttled a request.
        public var throttledWaits = 0
        /// Pauses taken because usage was above the slowdown threshold.
        public var slowdowns = 0
        /// Times the page size was halved because the API asked for less data.
        public var pageSizeReductions = 0
        /// Time spent in backoff before retries.
        public var backoffWaited: Duration = .zero
        /// Time spent waiting for throttling to end and in slowdowns.
        public var throttleWaited: Duration = .zero
        /// Response body bytes received (after decompression).
        public var bytes = 0

        /// Creates zeroed counters.
        public init() {}

        /// Time spent waiting, of every kind.
        public var waited: Duration { backoffWaited + throttleWaited }
    }

    private let state = Locked(Snapshot())

    /// Creates zeroed counters.
    public init() {}

    /// The counters now.
    public var snapshot: Snapshot {
        state.withLock { $0 }
    }

    func update(_ body: (inout Snapshot) -> Void) {
        state.withLock(body)
    }
}

import Foundation

/// What time it is and how to wait: the one source of time of a run, injected so that no test waits on the wall
/// clock (backoff, throttling, cursor age, account-insights windows, progress and token age all read it).
public protocol RunClock: Sendable {
    /// The current instant.
    var now: Date { get }

    /// Waits for `duration`; returns early when the task is cancelled.
    func sleep(for duration: Duration) async
}

/// The system's clock.
public struct SystemClock: RunClock {
    /// Creates the system clock.
    public init() {}

    public var now: Date { Date() }

    public func sleep(for duration: Duration) async {
        try? await Task.sleep(for: duration)
    }
}

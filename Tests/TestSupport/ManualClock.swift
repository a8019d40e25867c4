import Foundation
import IGCore

/// A clock that moves only when told: `sleep` advances it at once and records the duration, so code that waits
/// runs instantly and a test can check how long it would have waited.
public final class ManualClock: RunClock, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date
    private var slept: [Duration] = []

    /// Creates a clock that reads `start`.
    public init(start: Date = Date(timeIntervalSince1970: 1_740_832_496)) {
        instant = start
    }

    public var now: Date {
        lock.withLock { instant }
    }

    /// The durations slept so far, in order.
    public var sleeps: [Duration] {
        lock.withLock { slept }
    }

    public func sleep(for duration: Duration) async {
        advance(by: duration)
        lock.withLock { slept.append(duration) }
    }

    /// Moves the clock forward.
    public func advance(by duration: Duration) {
        lock.withLock {
            instant += Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }
}

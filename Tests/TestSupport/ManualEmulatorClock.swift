import Foundation
import GraphEmulator

/// An emulator clock that moves only when told, so a test can expire a cursor or roll a call budget on at once.
public final class ManualEmulatorClock: EmulatorClock, @unchecked Sendable {
    private let lock = NSLock()
    private var elapsed: Int64 = 0
    private let start: Int64

    /// Creates a clock that reads `start` (Unix milliseconds).
    public init(start: Int64 = 1_780_000_000_000) {
        self.start = start
    }

    public var milliseconds: Int64 {
        lock.withLock { start + elapsed / 1_000_000 }
    }

    public var monotonicNanoseconds: Int64 {
        lock.withLock { elapsed }
    }

    /// Moves the clock forward.
    public func advance(by duration: Duration) {
        let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        lock.withLock { elapsed += nanoseconds }
    }
}

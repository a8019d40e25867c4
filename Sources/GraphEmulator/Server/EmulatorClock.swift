#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The emulator's time: the time of day (cursor stamps, the request log) and a monotonic count (call budgets).
/// Generated data never reads it, so that it repeats. Tests pass a `ManualEmulatorClock` to expire a cursor or
/// roll a budget window on without waiting.
public protocol EmulatorClock: Sendable {
    /// Unix time in milliseconds.
    var milliseconds: Int64 { get }
    /// A monotonic count of nanoseconds from any origin.
    var monotonicNanoseconds: Int64 { get }
}

/// The system's clocks.
public struct SystemEmulatorClock: EmulatorClock {
    /// Creates the system clock.
    public init() {}

    public var milliseconds: Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000 + Int64(now.tv_nsec) / 1_000_000
    }

    public var monotonicNanoseconds: Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}

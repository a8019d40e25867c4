import Foundation

/// A value behind a lock, for the little shared state of the HTTP and Graph layers (the handle pool, the
/// counters). `Synchronization.Mutex` would do, but it needs macOS 15 while the package targets macOS 14.
///
/// Invariant behind `@unchecked Sendable`: `value` is only read or written inside `withLock`.
package final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    package init(_ value: Value) {
        self.value = value
    }

    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

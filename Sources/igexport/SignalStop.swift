import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A run stopped by SIGTERM, SIGINT or SIGHUP at a page boundary: every committed page is kept (exit 75).
struct InterruptedError: Error, CustomStringConvertible {
    let signal: Int32

    var description: String {
        "interrupted by \(SignalStop.name(signal)); every committed page is kept: run again to resume"
    }
}

/// Runs work that SIGTERM, SIGINT and SIGHUP stop cleanly: the first signal cancels it, so the run stops at the
/// next page boundary with its checkpoint saved and its metrics written; a second signal exits at once (75).
enum SignalStop {
    static let signals = [SIGTERM, SIGINT, SIGHUP]

    /// Runs `body`; when a signal cancelled it, its failure becomes an `InterruptedError`.
    static func run<Result: Sendable>(_ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
        let task = Task { try await body() }
        let received = Received()
        let queue = DispatchQueue(label: "igexport.signals")
        let sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if received.record(number) {
                    task.cancel()
                } else {
                    writeStandardError("igexport: \(name(number)) again; exiting at once\n")
                    _exit(75)
                }
            }
            source.resume()
            return source
        }
        defer {
            for source in sources { source.cancel() }
        }
        do {
            return try await task.value
        } catch {
            if let number = received.first { throw InterruptedError(signal: number) }
            throw error
        }
    }

    static func name(_ number: Int32) -> String {
        switch number {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }

    /// The first signal received. Invariant behind `@unchecked Sendable`: `number` is read and written under
    /// `lock` only.
    private final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var number: Int32?

        /// Records a signal; `true` for the first one.
        func record(_ signal: Int32) -> Bool {
            lock.withLock {
                guard number == nil else { return false }
                number = signal
                return true
            }
        }

        var first: Int32? {
            lock.withLock { number }
        }
    }
}

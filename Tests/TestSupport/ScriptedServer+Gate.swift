import Dispatch

extension ScriptedServer {
    /// Where a scripted answer waits: the server holds the request at the gate until the test opens it, and the
    /// test can wait for a request to arrive there. Both are events, so a test built on a gate never guesses how
    /// long something takes.
    public final class Gate: Sendable {
        private let arrivals = DispatchSemaphore(value: 0)
        private let opening = DispatchSemaphore(value: 0)

        public init() {}

        /// Blocks the calling thread until a request arrives at the gate or `arrive()` is called.
        public func waitForArrival() {
            arrivals.wait()
        }

        /// Wakes `waitForArrival()`: what the server does when a request reaches the gate, and what a test does
        /// when the client it waits for can no longer get there (it ended).
        public func arrive() {
            arrivals.signal()
        }

        /// Lets every held request, and every later one, through.
        public func open() {
            opening.signal()
        }

        /// Called by the server: records the arrival and waits for the gate to open.
        func hold() {
            arrive()
            opening.wait()
            opening.signal()
        }
    }
}

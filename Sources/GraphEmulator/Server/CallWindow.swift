/// The calls an account made within a rolling window, to enforce and report its budget. Refused calls count
/// too: as Meta warns, calling on while throttled keeps the count up.
struct CallWindow: Sendable {
    private var calls: [Int64] = []
    private var head = 0

    /// Records a call at `now` (monotonic nanoseconds) and returns how many calls the window holds, with the
    /// wait (in nanoseconds) until one more call would fit in `budget`.
    mutating func record(now: Int64, window: Int64, budget: Int) -> (count: Int, wait: Int64) {
        while head < calls.count, calls[head] <= now - window {
            head += 1
        }
        if head > 1_024, head * 2 > calls.count {
            calls.removeFirst(head)
            head = 0
        }
        calls.append(now)
        let count = calls.count - head
        guard count >= budget else { return (count, 0) }
        return (count, calls[head + count - budget] + window - now)
    }
}

/// The failures the emulator injects, so clients can rehearse them.
///
/// The spec is a comma-separated list of `name=value` items:
/// - `http500`, `reset`, `truncate`, `throttle`, `empty`: a trigger, `0.1` (a share of requests) or `every:7`;
/// - `slow`: a trigger with an optional delay, `slow=every:7` or `slow=0.2@300ms` (the delay defaults to 1 s);
/// - `cursor_ttl=30s`: cursors older than that are refused with code 100;
/// - `token_expiry=200`: each token answers 190/463 from its 201st call on.
///
/// Triggers apply to data endpoints (profiles, media, edges, insights), never to the two token endpoints, so a
/// client can always refresh its token. At most one of `reset`, `truncate`, `http500`, `throttle` and `empty`
/// fires on a request, checked in that order; `slow` combines with any of them.
public struct FaultPlan: Sendable, Equatable {
    public var http500: FaultTrigger?
    public var reset: FaultTrigger?
    public var truncate: FaultTrigger?
    public var throttle: FaultTrigger?
    public var empty: FaultTrigger?
    public var slow: FaultTrigger?
    /// How long a `slow` answer is held back.
    public var slowDelay: Duration
    /// How long a cursor stays valid; nil keeps cursors valid forever and free of any timestamp.
    public var cursorTTL: Duration?
    /// Calls a token may make before it answers 190/463.
    public var tokenExpiry: Int?

    /// No faults at all.
    public static let none = FaultPlan()

    public init(
        http500: FaultTrigger? = nil,
        reset: FaultTrigger? = nil,
        truncate: FaultTrigger? = nil,
        throttle: FaultTrigger? = nil,
        empty: FaultTrigger? = nil,
        slow: FaultTrigger? = nil,
        slowDelay: Duration = .seconds(1),
        cursorTTL: Duration? = nil,
        tokenExpiry: Int? = nil
    ) {
        self.http500 = http500
        self.reset = reset
        self.truncate = truncate
        self.throttle = throttle
        self.empty = empty
        self.slow = slow
        self.slowDelay = slowDelay
        self.cursorTTL = cursorTTL
        self.tokenExpiry = tokenExpiry
    }

    /// Parses a spec such as `http500=0.1,reset=0.05,slow=every:7,cursor_ttl=30s,token_expiry=200`.
    /// An empty spec or `none` is no faults; an error names the first item that is wrong.
    public init(parsing spec: String) throws(EmulatorConfigurationError) {
        self.init()
        let trimmed = spec.trimmingSpaces
        guard !trimmed.isEmpty, trimmed != "none" else { return }
        for rawItem in trimmed.split(separator: ",") {
            let item = String(rawItem).trimmingSpaces
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else {
                throw EmulatorConfigurationError(item: item, message: "a fault item is name=value, e.g. http500=0.1")
            }
            try apply(name: String(parts[0]), value: parts[1], item: item)
        }
    }

    private mutating func apply(name: String, value: Substring, item: String) throws(EmulatorConfigurationError) {
        switch name {
        case "http500": http500 = try FaultTrigger(parsing: value, item: item)
        case "reset": reset = try FaultTrigger(parsing: value, item: item)
        case "truncate": truncate = try FaultTrigger(parsing: value, item: item)
        case "throttle": throttle = try FaultTrigger(parsing: value, item: item)
        case "empty": empty = try FaultTrigger(parsing: value, item: item)
        case "slow":
            let parts = value.split(separator: "@", maxSplits: 1)
            slow = try FaultTrigger(parsing: parts.first ?? "", item: item)
            if parts.count == 2 {
                slowDelay = try duration(parts[1], item: item)
            }
        case "cursor_ttl":
            cursorTTL = try duration(value, item: item)
        case "token_expiry":
            guard let calls = Int(value), calls >= 0 else {
                throw EmulatorConfigurationError(item: item, message: "token_expiry takes a number of calls, e.g. 200")
            }
            tokenExpiry = calls
        default:
            throw EmulatorConfigurationError(
                item: item,
                message: "unknown fault \"\(name)\"; known: http500, reset, truncate, throttle, slow, empty, "
                    + "cursor_ttl, token_expiry"
            )
        }
    }

    private func duration(_ text: Substring, item: String) throws(EmulatorConfigurationError) -> Duration {
        do {
            return try DurationSyntax.parse(String(text))
        } catch {
            throw EmulatorConfigurationError(item: item, message: error.message)
        }
    }
}

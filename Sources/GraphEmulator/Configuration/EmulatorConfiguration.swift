/// What an emulator serves and how it misbehaves. Every property has a default, so
/// `EmulatorConfiguration()` is a quick, well-behaved emulator with one account of 120 media.
public struct EmulatorConfiguration: Sendable {
    /// The address to listen on; keep it on loopback.
    public var host: String
    /// The port to listen on; 0 takes any free port (read it back from `GraphEmulatorServer.port`).
    public var port: Int
    /// Seeds every generated value: the same seed gives the same accounts, tokens, media and bytes.
    public var seed: UInt64
    /// How many accounts to serve, each with its own token.
    public var accounts: Int
    /// How many feed media (and reels) each account starts with.
    public var mediaPerAccount: Int
    /// A delay added to every answer.
    public var latency: Duration
    /// The faults to inject.
    public var faults: FaultPlan
    /// The per-account call budget; nil answers every call (the usage headers are still sent).
    public var rateLimit: RateLimit?
    /// A file that receives one JSON line per request.
    public var requestLogPath: String?
    /// How closely answers follow what real runs meet; `EmulatorBehaviour(profile: .realistic)` turns it all on.
    public var behaviour: EmulatorBehaviour
    /// The time cursors are stamped with, call budgets are counted in and CDN URLs expire by.
    public var clock: any EmulatorClock
    /// The CDN that media URLs point at; nil keeps Instagram-looking URLs that nothing serves.
    public var cdn: CDNOptions?

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        seed: UInt64 = 42,
        accounts: Int = 1,
        mediaPerAccount: Int = 120,
        latency: Duration = .zero,
        faults: FaultPlan = .none,
        rateLimit: RateLimit? = nil,
        requestLogPath: String? = nil,
        behaviour: EmulatorBehaviour = EmulatorBehaviour(),
        clock: any EmulatorClock = SystemEmulatorClock(),
        cdn: CDNOptions? = nil
    ) {
        self.cdn = cdn
        self.host = host
        self.port = port
        self.seed = seed
        self.accounts = accounts
        self.mediaPerAccount = mediaPerAccount
        self.latency = latency
        self.faults = faults
        self.rateLimit = rateLimit
        self.requestLogPath = requestLogPath
        self.behaviour = behaviour
        self.clock = clock
    }

    /// Refuses values the emulator cannot serve, naming the one that is wrong.
    public func validate() throws(EmulatorConfigurationError) {
        guard (0...65_535).contains(port) else {
            throw EmulatorConfigurationError(item: String(port), message: "a port is between 0 and 65535")
        }
        guard (1...99).contains(accounts) else {
            throw EmulatorConfigurationError(item: String(accounts), message: "accounts must be between 1 and 99")
        }
        guard (0...1_000_000).contains(mediaPerAccount) else {
            throw EmulatorConfigurationError(
                item: String(mediaPerAccount),
                message: "media per account must be between 0 and 1000000"
            )
        }
        guard behaviour.listingCap > 0 else {
            throw EmulatorConfigurationError(
                item: String(behaviour.listingCap),
                message: "the listing cap must be above 0"
            )
        }
        if let cdn, cdn.urlLifetime < .zero || cdn.imageBytes < 16 || cdn.videoBytes < 16 {
            throw EmulatorConfigurationError(
                item: "\(cdn.urlLifetime)",
                message: "a CDN URL lifetime cannot be negative, and files are at least 16 bytes"
            )
        }
        guard latency >= .zero else {
            throw EmulatorConfigurationError(item: "\(latency)", message: "latency cannot be negative")
        }
    }
}

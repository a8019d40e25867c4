import IGCore
import IGGraph
import Logging

/// What every stream of one account reads with: the Graph client, the account, the clock and the logger, and how
/// many requests per-media fan-out may have in flight.
public struct StreamContext: Sendable {
    /// The Graph client of the account.
    public var client: any GraphFetching
    /// The account as the pipeline names it (`me` or a user id); it prefixes every edge path.
    public var account: String
    /// Requests in flight at once for per-media fan-out (insights, comments).
    public var concurrency: Int
    public var clock: any RunClock
    public var logger: Logger

    /// Creates a context.
    public init(client: any GraphFetching, account: String, concurrency: Int, clock: any RunClock, logger: Logger) {
        self.client = client
        self.account = account
        self.concurrency = max(1, concurrency)
        self.clock = clock
        self.logger = logger
    }
}

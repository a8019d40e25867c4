import IGCore

/// One page of an edge (`/me/media`, `/{id}/comments`, …).
public struct GraphPage: Sendable {
    /// The page's items, in API order; may be empty even when more pages follow.
    public var data: [JSONValue]
    /// The cursor of the next page (`paging.cursors.after`), the only paging state worth storing: the `next`
    /// URL carries the token.
    public var after: String?
    /// Whether another page follows: true exactly when the response had `paging.next`.
    public var hasNext: Bool
    /// For a time-windowed request whose `next` link pages by time (no cursor): that link's `until`.
    public var nextUntil: Int64?
    /// The page size that was accepted; smaller than asked when the API asked for less data. Ask for this size
    /// on the following pages.
    public var limit: Int
    /// The rate-limit usage from the headers.
    public var usage: RateLimitUsage

    /// Creates a page.
    public init(
        data: [JSONValue],
        after: String?,
        hasNext: Bool,
        limit: Int,
        usage: RateLimitUsage,
        nextUntil: Int64? = nil
    ) {
        self.data = data
        self.after = after
        self.hasNext = hasNext
        self.nextUntil = nextUntil
        self.limit = limit
        self.usage = usage
    }
}

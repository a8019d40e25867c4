import IGCore

/// What the streams need from the Graph API: one object, or one page of an edge.
///
/// `GraphClient` is the real implementation; tests of the streams may use a scripted one.
public protocol GraphFetching: Sendable {
    /// `GET path?parameters`, answered by an object.
    func object(_ path: String, parameters: [(String, String)]) async throws -> JSONObject

    /// One page of an edge: `GET path?parameters&limit=&after=`. The client may lower `limit` when the API
    /// asks for less data; the page reports the cursor of the next page, if any.
    func page(_ path: String, parameters: [(String, String)], limit: Int, after: String?) async throws -> EdgePage
}

/// One page of a Graph edge.
public struct EdgePage: Sendable {
    /// The records on the page (may be empty even when more follow).
    public var data: [JSONObject]
    /// The `after` cursor of the next page; `nil` when there is none.
    public var after: String?
    /// For a time-windowed request answered with a time-based `next` link and no cursor: the `until` that
    /// link asks for next (only that parameter is taken from it, never its host or its token).
    public var nextUntil: Int64?

    /// Creates a page.
    public init(data: [JSONObject], after: String?, nextUntil: Int64? = nil) {
        self.data = data
        self.after = after
        self.nextUntil = nextUntil
    }
}

import IGCore
import IGGraph

/// The records of one API response and the cursor that follows them: the unit of work and of atomicity.
///
/// After every sink has written a page, the runner commits the checkpoint with `nextCursor`; a page is
/// either wholly in the outputs and the state, or in neither.
public struct Page: Sendable {
    /// The stream the records belong to.
    public var stream: StreamKind
    /// The account the records were read for (the configured account reference, such as `me`).
    public var account: String
    /// The records, in API order (newest first for media).
    public var records: [Record]
    /// The `after` cursor of the next page, or `nil` when this is the stream's last page.
    public var nextCursor: String?

    /// Creates a page.
    public init(stream: StreamKind, account: String, records: [Record], nextCursor: String?) {
        self.stream = stream
        self.account = account
        self.records = records
        self.nextCursor = nextCursor
    }
}

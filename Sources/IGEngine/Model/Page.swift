import IGCore

/// The records of one API response and the stream's position after them: the unit of work and of atomicity.
///
/// A stream yields pages; the runner transforms them, writes them to every sink that takes their stream, and
/// then the journal records `position`. A page is either wholly in the outputs and the state, or in neither.
/// Pages derived from another (the insights and comments of a page of media) carry no position: they are
/// committed with the page they came from.
public struct Page: Sendable {
    /// The stream the records belong to.
    public var stream: StreamKind
    /// The account the records were read for (the configured account reference, such as `me`).
    public var account: String
    /// The records, in API order (newest first for media).
    public var records: [Record]
    /// Where the stream stands once this page is committed; `nil` for a page committed with another.
    public var position: StreamPosition?
    /// What the stream read but did not write, or wrote with a caveat, by reason (`future_timestamp`, …).
    public var skipped: [String: Int]
    /// The files the media archive downloaded for these records, for the `files` writer's manifest.
    public var archived: [ArchivedFile] = []

    /// Creates a page.
    public init(
        stream: StreamKind,
        account: String,
        records: [Record],
        position: StreamPosition? = nil,
        skipped: [String: Int] = [:]
    ) {
        self.stream = stream
        self.account = account
        self.records = records
        self.position = position
        self.skipped = skipped
    }
}

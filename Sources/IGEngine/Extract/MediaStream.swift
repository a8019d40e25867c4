import IGCore

/// An account's media (`/{account}/media`), newest first, carousel children included by field expansion; a page
/// per API page. Incremental runs end at the first media older than the last run's newest minus the lookback.
public struct MediaStream: AsyncSequence, Sendable {
    public typealias Element = Page

    private let pages: EdgeStream

    /// Creates the stream.
    ///
    /// - Parameters:
    ///   - start: the saved position (a fresh one for a new run).
    ///   - bookmark: the newest timestamp the last completed run wrote, for incremental runs.
    ///   - announced: the profile's `media_count`, which bounds how much the edge may give.
    public init(
        _ context: StreamContext,
        config: MediaConfig,
        start: StreamPosition,
        cursorTTL: Duration,
        bookmark: String?,
        announced: Int?
    ) {
        var pages = EdgeStream(
            context: context,
            stream: .media,
            edge: EdgeReader(
                path: "\(context.account)/media",
                parameters: [("fields", FieldList.media(config.fields, children: config.children))],
                limit: config.pageSize
            ),
            start: start,
            cursorTTL: cursorTTL
        )
        if config.mode == .incremental, let newest = bookmark.flatMap({ Timestamp(parsing: $0)?.seconds }) {
            pages.olderThan = newest - Int64(config.lookback.seconds)
        }
        pages.announced = announced
        self.pages = pages
    }

    public func makeAsyncIterator() -> EdgeStream.Iterator {
        pages.makeAsyncIterator()
    }
}

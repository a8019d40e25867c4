/// An account's live stories (`/{account}/stories`), newest first; a page per API page.
public struct StoriesStream: AsyncSequence, Sendable {
    public typealias Element = Page

    private let pages: EdgeStream

    /// Creates the stream from the saved position `start`.
    public init(_ context: StreamContext, config: StoriesConfig, start: StreamPosition, cursorTTL: Duration) {
        pages = EdgeStream(
            context: context,
            stream: .stories,
            edge: EdgeReader(
                path: "\(context.account)/stories",
                parameters: [("fields", config.fields.joined(separator: ","))],
                limit: 100
            ),
            start: start,
            cursorTTL: cursorTTL
        )
    }

    public func makeAsyncIterator() -> EdgeStream.Iterator {
        pages.makeAsyncIterator()
    }
}

import IGCore

/// The comments of a page of media (`/{media-id}/comments`, every page of each, `concurrency` media at a time):
/// one page with every comment, `media_id` first, in media order. A media whose `comments_count` is 0 costs no
/// request; the count also bounds how far its edge may page (see `PagingGuard`).
public struct CommentsStream: AsyncSequence, Sendable {
    public typealias Element = Page

    private let context: StreamContext
    private let config: CommentsConfig
    private let media: [Record]

    /// Creates the stream over a page of `media`.
    public init(_ context: StreamContext, config: CommentsConfig, media: [Record]) {
        self.context = context
        self.config = config
        self.media = media
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(source: self)
    }

    /// Yields the one page of comments.
    public struct Iterator: AsyncIteratorProtocol {
        fileprivate let source: CommentsStream
        fileprivate var read = false

        public mutating func next() async throws -> Page? {
            guard !read else { return nil }
            read = true
            let source = source
            let comments = try await source.media.boundedMap(limit: source.context.concurrency) {
                try await source.comments(of: $0)
            }
            return Page(stream: .comments, account: source.context.account, records: comments.flatMap { $0 })
        }
    }

    private func comments(of media: Record) async throws -> [Record] {
        guard let id = GraphID.text(media["id"]) else { return [] }
        let announced = media["comments_count"]?.intValue.map { Int(clamping: $0) }
        if announced == 0 { return [] }
        let edge = EdgeReader(
            path: "\(id)/comments",
            parameters: [("fields", config.fields.joined(separator: ","))],
            limit: config.pageSize
        )
        var loopGuard = PagingGuard(edge: edge.path, announced: announced, maxEmptyRepeats: 0)
        var comments: [Record] = []
        var anchor = EdgeReader.Anchor.start
        while true {
            let page = try await edge.read(context.client, at: anchor)
            guard try loopGuard.accepts(after: page.after, isEmpty: page.data.isEmpty, askedWith: anchor.cursor)
            else { continue }
            for comment in try loopGuard.newRecords(page.data, id: { GraphID.text($0["id"]) }) {
                var record = Record()
                record.append("media_id", .string(id))
                for (key, value) in comment.members where key != "media_id" {
                    record.append(key, value)
                }
                comments.append(record)
            }
            guard let after = page.after else { return comments }
            anchor = .cursor(after, until: nil)
        }
    }
}

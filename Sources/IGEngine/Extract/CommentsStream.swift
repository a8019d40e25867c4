import IGCore
import IGGraph

/// The comments of a page of media (`/{media-id}/comments`, every page of each, `concurrency` media at a time),
/// replies included: one page with every comment in media order, each followed by its replies; `media_id` and
/// `parent_id` (null on a top-level comment) first.
///
/// Replies come through field expansion (`replies{…}`) and, past their first page, `/{comment-id}/replies`. An
/// API that refuses the expansion (code 100) is asked again without it, for the rest of the run, and each media
/// whose replies were not read is counted as skipped. A media whose `comments_count` is 0 costs no request; the
/// count (which includes replies) also bounds how far its edges may page (see `PagingGuard`).
public struct CommentsStream: AsyncSequence, Sendable {
    public typealias Element = Page

    /// `RefusedMetrics` keys for an API that refuses the replies expansion.
    static let repliesKind = "comments"
    static let repliesField = "replies"

    private let context: StreamContext
    private let config: CommentsConfig
    private let refused: RefusedMetrics
    private let media: [Record]

    /// Creates the stream over a page of `media`; `refused` remembers an API that refuses replies.
    public init(_ context: StreamContext, config: CommentsConfig, refused: RefusedMetrics, media: [Record]) {
        self.context = context
        self.config = config
        self.refused = refused
        self.media = media
    }

    public func makeAsyncIterator() -> SinglePageIterator {
        SinglePageIterator { [self] in try await page() }
    }

    /// The one page of comments.
    private func page() async throws -> Page {
        let results = try await media.boundedMap(limit: context.concurrency) { try await comments(of: $0) }
        let skippedReplies = results.filter { !$0.repliesRead }.count
        return Page(
            stream: .comments,
            account: context.account,
            records: results.flatMap(\.records),
            skipped: config.replies && skippedReplies > 0 ? ["replies_not_served": skippedReplies] : [:]
        )
    }

    private var repliesRefused: Bool {
        refused.metrics(for: Self.repliesKind).contains(Self.repliesField)
    }

    /// Every comment of one media with its replies, and whether replies were read.
    private func comments(of media: Record) async throws -> (records: [Record], repliesRead: Bool) {
        guard let id = GraphID.text(media["id"]) else { return ([], true) }
        let announced = media["comments_count"]?.intValue.map { Int(clamping: $0) }
        if announced == 0 { return ([], true) }
        var withReplies = config.replies && !repliesRefused
        var edge = self.edge(id, withReplies: withReplies)
        var loopGuard = PagingGuard(edge: edge.path, announced: announced, maxEmptyRepeats: 0)
        var records: [Record] = []
        var anchor = EdgeReader.Anchor.start
        while true {
            let page: EdgePage
            do {
                page = try await edge.read(context.client, at: anchor)
            } catch let error as GraphError where withReplies && anchor == .start && error.refusal == .metricNotServed {
                refused.add(Self.repliesField, for: Self.repliesKind)
                context.logger.warning(
                    "the API refuses comment replies; reading top-level comments only",
                    metadata: ["account": "\(context.account)", "error": "\(error)"]
                )
                withReplies = false
                edge = self.edge(id, withReplies: false)
                continue
            }
            guard try loopGuard.accepts(after: page.after, isEmpty: page.data.isEmpty, askedWith: anchor.cursor)
            else { continue }
            for comment in try loopGuard.newRecords(page.data, id: { GraphID.text($0["id"]) }) {
                records.append(record(comment, media: id, parent: nil))
                if withReplies, let replies = comment["replies"]?.objectValue, let parent = GraphID.text(comment["id"])
                {
                    records += try await self.replies(replies, of: parent, media: id, announced: announced)
                }
            }
            guard let after = page.after else { return (records, withReplies || !config.replies) }
            anchor = .cursor(after, until: nil)
        }
    }

    private func edge(_ media: String, withReplies: Bool) -> EdgeReader {
        let fields = config.fields.joined(separator: ",")
        return EdgeReader(
            path: "\(media)/comments",
            parameters: [("fields", withReplies ? "\(fields),replies{\(fields)}" : fields)],
            limit: config.pageSize
        )
    }

    /// The replies of one comment: the expansion's page, then `/{comment-id}/replies` while more follow.
    private func replies(_ expansion: JSONObject, of parent: String, media: String, announced: Int?) async throws
        -> [Record]
    {
        var records = (expansion["data"]?.arrayValue ?? []).compactMap(\.objectValue).map {
            record($0, media: media, parent: parent)
        }
        var after = expansion["paging"]?.objectValue?["cursors"]?.objectValue?["after"]?.stringValue
        guard expansion["paging"]?.objectValue?["next"] != nil, after != nil else { return records }
        let edge = EdgeReader(
            path: "\(parent)/replies",
            parameters: [("fields", config.fields.joined(separator: ","))],
            limit: config.pageSize
        )
        var loopGuard = PagingGuard(edge: edge.path, announced: announced, maxEmptyRepeats: 0)
        while let cursor = after {
            let page = try await edge.read(context.client, at: .cursor(cursor, until: nil))
            guard try loopGuard.accepts(after: page.after, isEmpty: page.data.isEmpty, askedWith: cursor) else {
                continue
            }
            records += try loopGuard.newRecords(page.data, id: { GraphID.text($0["id"]) }).map {
                record($0, media: media, parent: parent)
            }
            after = page.after
        }
        return records
    }

    /// A comment or reply as a record: `media_id`, `parent_id`, then its fields (its replies left out).
    private func record(_ comment: JSONObject, media: String, parent: String?) -> Record {
        var record = Record()
        record.append("media_id", .string(media))
        if config.replies {
            record.append("parent_id", parent.map(JSONValue.string) ?? .null)
        }
        for (key, value) in comment.members where key != "media_id" && key != "parent_id" && key != "replies" {
            record.append(key, value)
        }
        return record
    }
}

import Foundation
import IGCore
import IGGraph
import Logging

/// Extracts one account's streams in order (profile, media with its insights and comments, stories, account
/// insights), committing each page through the `PageCommitter` and resuming each stream where it stopped.
struct AccountExtraction: Sendable {
    let config: PipelineConfig
    let account: String
    let client: any GraphFetching
    let committer: PageCommitter
    let bookmarks: [String: Bookmark]
    let logger: Logger
    var progress: ProgressHandler?

    func run() async throws {
        let context = try await profile()
        if let media = config.extract.media {
            try await self.media(media, context: context)
        }
        if let stories = config.extract.stories {
            try await self.stories(stories, context: context)
        }
        if let insights = config.extract.accountInsights {
            try await accountInsights(insights, context: context)
        }
    }

    // MARK: Profile

    /// Reads the profile, which every record's `account_id` and `username` come from, and commits it as the
    /// profile stream's only page when that stream is on and not yet done.
    private func profile() async throws -> AccountContext {
        let fields = config.extract.profile?.fields ?? ["user_id", "username"]
        var profile = try await client.object(account, parameters: [("fields", fields.joined(separator: ","))])
        // The docs show `/me` both flat and wrapped in `{"data":[{...}]}`; accept both.
        if profile["user_id"] == nil, let first = profile["data"]?.arrayValue?.first?.objectValue {
            profile = first
        }
        let context = AccountContext(profile: profile) ?? AccountContext(accountID: account, username: nil)
        progress?(.profile(account: account, mediaCount: profile["media_count"]?.intValue.map { Int($0) }))
        let key = RunState.key(account: account, stream: .profile)
        if config.extract.profile != nil, await committer.streamState(key)?.done != true {
            let page = Page(stream: .profile, account: account, records: [profile], nextCursor: nil)
            try await committer.commit([page], account: context, key: key) { state in
                state.done = true
                state.pages += 1
                state.records += 1
            }
        }
        return context
    }

    // MARK: Media

    private func media(_ media: MediaConfig, context: AccountContext) async throws {
        let key = RunState.key(account: account, stream: .media)
        var threshold: Int64?
        if media.mode == .incremental, let newest = bookmarks[key]?.newestTimestamp,
            let seconds = Timestamp(parsing: newest)?.seconds
        {
            threshold = seconds - Int64(media.lookback.seconds)
        }
        let edge = EdgeReader(
            path: "\(account)/media",
            parameters: [("fields", FieldList.media(media.fields, children: media.children))],
            limit: media.pageSize
        )
        try await readPages(edge, stream: .media, key: key, context: context, olderThanStops: threshold) { records in
            try await fanOut(records, context: context)
        }
    }

    /// The insights and comments pages of a page of media, read concurrently and committed with it.
    private func fanOut(_ media: [Record], context: AccountContext) async throws -> [Page] {
        var pages: [Page] = []
        if let insights = config.extract.mediaInsights {
            let reader = MediaInsightsReader(client: client, metrics: insights.metrics)
            let records = try await media.boundedMap(limit: config.http.concurrency) { try await reader.read($0) }
            pages.append(
                Page(stream: .mediaInsights, account: account, records: records.compactMap { $0 }, nextCursor: nil)
            )
        }
        if let comments = config.extract.comments {
            let reader = CommentsReader(client: client, config: comments)
            let records = try await media.boundedMap(limit: config.http.concurrency) { try await reader.read($0) }
            pages.append(Page(stream: .comments, account: account, records: records.flatMap { $0 }, nextCursor: nil))
        }
        return pages
    }

    // MARK: Stories

    private func stories(_ stories: StoriesConfig, context: AccountContext) async throws {
        let edge = EdgeReader(
            path: "\(account)/stories",
            parameters: [("fields", stories.fields.joined(separator: ","))],
            limit: 100
        )
        let key = RunState.key(account: account, stream: .stories)
        try await readPages(edge, stream: .stories, key: key, context: context, olderThanStops: nil) { _ in [] }
    }

    // MARK: Account insights

    /// Reads account metrics by day in windows of at most 30 days (the API's limit for `since`/`until`),
    /// committing one window at a time; `lastTimestamp` holds the end of the last committed window.
    private func accountInsights(_ insights: AccountInsightsConfig, context: AccountContext) async throws {
        let key = RunState.key(account: account, stream: .accountInsights)
        let saved = await committer.streamState(key)
        if saved?.done == true { return }
        let day: Int64 = 86_400
        let today = Int64(Date().timeIntervalSince1970) / day * day
        var since = saved?.lastTimestamp.flatMap { Int64($0) } ?? today - Int64(insights.days) * day
        let reader = AccountInsightsReader(client: client, account: account, config: insights)
        while since < today {
            let until = min(since + 30 * day, today)
            let records = try await reader.read(since: since, until: until)
            let page = Page(stream: .accountInsights, account: account, records: records, nextCursor: nil)
            let windowEnd = until
            try await committer.commit([page], account: context, key: key) { state in
                state.lastTimestamp = String(windowEnd)
                state.done = windowEnd >= today
                state.pages += 1
                state.records += records.count
            }
            since = until
        }
    }
}

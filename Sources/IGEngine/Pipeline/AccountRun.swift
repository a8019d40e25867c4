import IGCore

/// One account's part of a run: its streams in order (profile; media, each page with its insights and comments;
/// stories; account insights), each page transformed in the account's own task, then committed.
///
/// Each stream starts from the position the journal held when the run started, so an interrupted run goes on
/// where each stream stopped.
struct AccountRun: Sendable {
    let config: PipelineConfig
    let context: StreamContext
    /// The positions saved when the run started, by `account/stream`.
    let saved: [String: StreamPosition]
    /// The newest media timestamp of the last completed run, for incremental runs.
    let mediaBookmark: String?
    let transformer: Transformer
    let committer: PageCommitter
    let monitor: RunMonitor
    /// The run's memory of what the API refuses (metrics per kind of media, comment replies).
    let refused: RefusedMetrics
    /// The media archive's downloads, when the pipeline has a `files` writer.
    var archiver: MediaArchiver?
    /// Recheck the archive's files before the streams (`run --verify-files`).
    var verifyFiles = false

    /// Only the newest media of an account are listed (reference §11).
    static let listingLimit = 10_000

    func run() async throws {
        let profile = try await readProfile()
        let account =
            AccountContext(profile: profile.records[0])
            ?? AccountContext(accountID: context.account, username: nil)
        if let archiver, verifyFiles {
            try await verify(archiver, account: account)
        }
        if let media = config.extract.media {
            let announced = profile.records[0]["media_count"]?.intValue.map { Int(clamping: $0) }
            try await self.media(media, announced: announced, account: account)
        }
        if let stories = config.extract.stories {
            let stream = StoriesStream(
                context,
                config: stories,
                start: position(.stories),
                cursorTTL: config.checkpoint.cursorTTL
            )
            for try await page in stream {
                var batch = [try await archiver?.archive(page) ?? page]
                if let insights = config.extract.mediaInsights {
                    // Story figures live only as long as the story: read them in the same run.
                    let stream = MediaInsightsStream(context, config: insights, refused: refused, media: page.records)
                    for try await derived in stream { batch.append(derived) }
                }
                try await commit(batch, account: account)
            }
        }
        if let insights = config.extract.accountInsights {
            for try await page in AccountInsightsStream(context, config: insights, start: position(.accountInsights)) {
                try await commit([page], account: account)
            }
        }
        archiver?.removeStaleTemporaryFiles()
    }

    /// Refetches the archive's missing or damaged files and commits their new manifest lines, the stream's
    /// position unchanged.
    private func verify(_ archiver: MediaArchiver, account: AccountContext) async throws {
        let (repaired, failed) = try await archiver.verify()
        context.logger.notice(
            "archive verified",
            metadata: ["account": "\(context.account)", "refetched": "\(repaired.count)", "failed": "\(failed)"]
        )
        guard !repaired.isEmpty || failed > 0 else { return }
        // A stream the files writer takes, or its manifest would not take the lines.
        let stream = archiver.streams.first ?? .media
        var page = Page(stream: stream, account: context.account, records: [], position: position(stream))
        page.archived = repaired
        if failed > 0 { page.skipped["files_failed"] = failed }
        try await commit([page], account: account)
    }

    /// Reads the profile, and commits it as the profile stream's only page when that stream is on and not done.
    private func readProfile() async throws -> Page {
        let fields = config.extract.profile?.fields ?? ["user_id", "username"]
        let page = try await ProfileStream(context, fields: fields).read()
        let profile = page.records[0]
        monitor.profileRead(account: context.account, mediaCount: profile["media_count"]?.intValue.map { Int($0) })
        if config.extract.profile != nil, !position(.profile).done {
            let account = AccountContext(profile: profile) ?? AccountContext(accountID: context.account, username: nil)
            try await commit([page], account: account)
        }
        return page
    }

    private func media(_ media: MediaConfig, announced: Int?, account: AccountContext) async throws {
        let stream = MediaStream(
            context,
            config: media,
            start: position(.media),
            cursorTTL: config.checkpoint.cursorTTL,
            bookmark: mediaBookmark,
            announced: announced
        )
        var first = position(.media).pages == 0
        for try await page in stream {
            var batch = [page]
            if first, let announced, announced > Self.listingLimit {
                context.logger.warning(
                    "the API lists only the newest \(Self.listingLimit) media; older ones cannot be exported",
                    metadata: ["account": "\(context.account)", "media_count": "\(announced)"]
                )
                batch[0].skipped["beyond_listing_limit", default: 0] += announced - Self.listingLimit
            }
            first = false
            if let archiver { batch[0] = try await archiver.archive(batch[0]) }
            if let insights = config.extract.mediaInsights {
                let stream = MediaInsightsStream(context, config: insights, refused: refused, media: page.records)
                for try await derived in stream { batch.append(derived) }
            }
            if let comments = config.extract.comments {
                let stream = CommentsStream(context, config: comments, refused: refused, media: page.records)
                for try await derived in stream { batch.append(derived) }
            }
            try await commit(batch, account: account)
        }
    }

    /// Transforms a batch whose first page carries the stream's new position, and commits it.
    private func commit(_ batch: [Page], account: AccountContext) async throws {
        guard let first = batch.first, let position = first.position else { return }
        for page in batch {
            for (reason, count) in page.skipped.sorted(by: { $0.key < $1.key }) {
                context.logger.notice(
                    "skipped",
                    metadata: [
                        "account": "\(context.account)", "stream": "\(page.stream.rawValue)", "reason": "\(reason)",
                        "count": "\(count)",
                    ]
                )
            }
        }
        let transformed = batch.map { transformer.apply($0, account: account) }
        try await committer.commit(
            transformed,
            key: RunState.key(account: context.account, stream: first.stream),
            position: position
        )
    }

    private func position(_ stream: StreamKind) -> StreamPosition {
        saved[RunState.key(account: context.account, stream: stream)] ?? StreamPosition()
    }
}

import Foundation
import IGCore
import IGGraph
import IGStorage
import Logging

/// How a run starts.
public struct RunOptions: Sendable {
    /// Discards an interrupted run's state and partial files instead of resuming it.
    public var fresh = false
    /// How many accounts are exported at once; the others wait their turn, so that a shard of thousands of
    /// accounts keeps a bounded number of files and connections open.
    public var accountConcurrency = 8
    /// The shard this run exports, for `{shard}` in the manifest's path ("0" without shards).
    public var shard = "0"
    /// Rechecks the media archive's files against its manifest and refetches those missing or damaged.
    public var verifyFiles = false

    /// Creates the default options: resume when an interrupted run exists.
    public init(fresh: Bool = false, accountConcurrency: Int = 8, shard: String = "0", verifyFiles: Bool = false) {
        self.verifyFiles = verifyFiles
        self.fresh = fresh
        self.accountConcurrency = accountConcurrency
        self.shard = shard
    }
}

/// Runs a pipeline: for each account, for each page of each stream, transform, write to the account's sinks,
/// record in the account's journal; then publish the account's outputs.
///
/// Each account is a unit of its own: its lock, its state file (see `StateFolder`), its sink set and its
/// `PageCommitter`, so an account publishes when it completes and resumes alone after an interruption.
/// Accounts run concurrently (`RunOptions.accountConcurrency` at a time). An account that another run holds
/// is left to it and the others go on; the run then ends with that `RunLockError` (exit 75) once they are
/// done. Any other failure stops the whole run at once, every account keeping its committed pages.
public struct Runner: Sendable {
    public let config: PipelineConfig
    public let source: ResolvedSource
    private let logger: Logger
    private let clock: any RunClock
    private let monitor: RunMonitor
    private let makeClient: @Sendable (ResolvedSource.Account) -> any GraphFetching
    private let downloader: (any FileDownloading)?

    /// Creates a runner; `client` makes the Graph client of each account, `downloader` fetches the media
    /// archive's files (a pipeline with a `files` writer and no downloader archives nothing), and `monitor`
    /// hears of every profile and committed page.
    public init(
        config: PipelineConfig,
        source: ResolvedSource,
        logger: Logger,
        clock: any RunClock = SystemClock(),
        monitor: RunMonitor = RunMonitor(),
        downloader: (any FileDownloading)? = nil,
        client: @escaping @Sendable (ResolvedSource.Account) -> any GraphFetching
    ) {
        self.downloader = downloader
        self.config = config
        self.source = source
        self.logger = logger
        self.clock = clock
        self.monitor = monitor
        self.makeClient = client
    }

    /// Runs the pipeline to completion, or throws with each account's journal committed up to its last whole
    /// page.
    public func run(options: RunOptions = RunOptions()) async throws -> RunStatistics {
        let started = clock.now
        try StateFolder(config).migrateLegacyState(
            config: config,
            fresh: options.fresh,
            now: started,
            logger: logger
        )
        let newRunID = RunJournal.runID(started)
        let refused = RefusedMetrics()
        // One client, and so one pool of connections, for every account's uploads.
        let storage = try config.storage.map {
            try S3Client(config: $0, http: config.http, version: IGExportVersion.current, clock: clock)
        }
        let outcomes = try await source.accounts.boundedMap(limit: options.accountConcurrency) { account in
            // A signal cancels the run: accounts that have not started yet do not start.
            try Task.checkCancellation()
            return try await export(
                account,
                runID: newRunID,
                fresh: options.fresh,
                started: started,
                refused: refused,
                shard: options.shard,
                verifyFiles: options.verifyFiles,
                storage: storage
            )
        }
        var statistics = monitor.statistics
        var runIDs: Set<String> = []
        var locked: [RunLockError] = []
        statistics.pages = 0
        statistics.records = [:]
        var skipped: [String: Int] = [:]
        for outcome in outcomes {
            switch outcome {
            case .locked(let error):
                locked.append(error)
            case .completed(let published, let totals, let resumed):
                runIDs.insert(totals.id)
                statistics.resumed = statistics.resumed || resumed
                statistics.published += published
                statistics.pages += totals.pages
                for (name, count) in totals.records {
                    if let kind = StreamKind(rawValue: name) { statistics.records[kind, default: 0] += count }
                }
                skipped.merge(totals.skipped ?? [:], uniquingKeysWith: +)
            }
        }
        statistics.accounts = source.accounts.map(\.id)
        statistics.runID = runIDs.count == 1 ? runIDs.first ?? newRunID : newRunID
        statistics.setSkipped(byKey: skipped)
        statistics.durationSeconds = clock.now.timeIntervalSince(started)
        if let first = locked.first {
            let others = locked.count < outcomes.count ? "; the other accounts completed" : ""
            throw RunLockError(
                pipeline: config.name,
                account: first.account,
                message: locked.map(\.message).joined(separator: "; ") + others,
                isHeld: true
            )
        }
        // A withheld file is the API's choice (copyrighted audio), not something the run failed to read.
        if config.onPartial == .fail,
            statistics.skipped.values.contains(where: { $0.keys.contains { $0 != "files_withheld" } })
        {
            throw PartialRunError(statistics: statistics)
        }
        return statistics
    }

    /// The uploader of `account`'s staged `s3://` outputs, with its own ledger beside the account's state file;
    /// `nil` when every output is local.
    private func objectPublisher(account: String, client: S3Client?) -> ObjectPublisher? {
        guard let client else { return nil }
        let folder = PathName.join(config.checkpoint.path, "uploads")
        return ObjectPublisher(
            client: client,
            ledgerPath: PathName.join(folder, StateFolder.fileName(account: account) + ".json"),
            concurrency: config.http.concurrency
        )
    }

    /// What became of one account.
    private enum AccountOutcome: Sendable {
        /// Another run holds the account.
        case locked(RunLockError)
        /// The account's outputs are published; `totals` are its run's (every process that worked on it).
        case completed(published: [String], totals: RunProgress, resumed: Bool)
    }

    /// Exports one account under its lock: opens its journal, reopens or creates its sinks, runs its streams
    /// unless its run was already publishing, and publishes its outputs.
    private func export(
        _ account: ResolvedSource.Account,
        runID: String,
        fresh: Bool,
        started: Date,
        refused: RefusedMetrics,
        shard: String,
        verifyFiles: Bool,
        storage: S3Client?
    ) async throws -> AccountOutcome {
        let lock: RunLock
        do {
            lock = try StateFolder(config).lock(account: account.id, pipeline: config.name, now: started)
        } catch {
            guard error.isHeld else { throw error }
            logger.warning("account is being exported by another run", metadata: ["account": "\(account.id)"])
            return .locked(error)
        }
        defer { withExtendedLifetime(lock) {} }
        let journal = try RunJournal(
            config: config,
            account: account.id,
            runID: runID,
            fresh: fresh,
            now: started,
            logger: logger
        )
        if !journal.discarded.isEmpty { try SinkSet.discard(journal.discarded) }
        let run = journal.run
        let transformer = Transformer(
            steps: config.transform,
            runID: run.id,
            extractedAt: run.startedAt,
            requestedFields: config.extract.requestedFields
        )
        var sinkContext = SinkSet.context(
            pipeline: config.name,
            runID: run.id,
            date: run.date,
            committed: run.outputs,
            publishing: run.phase == .publishing,
            startedAt: run.startedAt,
            statistics: run.outputStats ?? [:]
        )
        let anyAccount = AccountContext(accountID: account.id, username: nil)
        for (stream, fields) in config.extract.recordFields {
            sinkContext.columns[stream] = transformer.outputKeys(of: stream, fields: fields, account: anyAccount)
        }
        let sinks = try SinkSet(config.load, context: sinkContext)
        // Before the first request: a run another run's output refuses must not fetch for nothing.
        if run.phase == .extracting {
            try sinks.reserveOutputs(account: account.id, streams: config.extract.streams)
        }
        let committer = PageCommitter(
            sinks: sinks,
            journal: journal,
            syncEveryPage: config.checkpoint.durability == .page,
            clock: clock,
            monitor: monitor,
            landing: LandingZone(config: config, account: account.id, shard: shard),
            objects: objectPublisher(account: account.id, client: storage)
        )
        if run.phase == .extracting {
            let client = makeClient(account)
            let context = StreamContext(
                client: client,
                account: account.id,
                concurrency: config.http.concurrency,
                clock: clock,
                logger: logger
            )
            var accountRun = AccountRun(
                config: config,
                context: context,
                saved: run.streams,
                mediaBookmark: journal.bookmark(
                    RunState.key(account: account.id, stream: .media),
                    now: started
                )?.newestTimestamp,
                transformer: transformer,
                committer: committer,
                monitor: monitor,
                refused: refused
            )
            if let files = config.load.first(where: { $0.format == .files }), let downloader {
                accountRun.archiver = MediaArchiver(
                    config: files,
                    account: account.id,
                    known: FilesSink.knownFiles(config: files, account: account.id, context: sinkContext),
                    resumed: journal.resumed,
                    downloader: downloader,
                    client: client,
                    clock: clock,
                    retry: RetryPolicy(config.http.retry),
                    logger: logger
                )
                accountRun.verifyFiles = verifyFiles
            }
            try await accountRun.run()
        }
        let (published, totals) = try await committer.publish()
        return .completed(published: published, totals: totals, resumed: journal.resumed)
    }
}

import Foundation
import IGCore
import IGGraph
import Logging

/// How a run starts.
public struct RunOptions: Sendable {
    /// Discards an interrupted run's state and partial files instead of resuming it.
    public var fresh = false

    /// Creates the default options: resume when an interrupted run exists.
    public init(fresh: Bool = false) {
        self.fresh = fresh
    }
}

/// Runs a pipeline: for each account, for each page of each stream, transform, write to the sink set, record in
/// the journal; then publish every output.
///
/// Accounts run concurrently, each in its own task (transforms included); their commits pass one at a time
/// through the `PageCommitter`. The run lock keeps a second run of the same pipeline out.
public struct Runner: Sendable {
    public let config: PipelineConfig
    public let source: ResolvedSource
    private let logger: Logger
    private let clock: any RunClock
    private let monitor: RunMonitor
    private let makeClient: @Sendable (ResolvedSource.Account) -> any GraphFetching

    /// Creates a runner; `client` makes the Graph client of each account, and `monitor` hears of every profile
    /// and committed page.
    public init(
        config: PipelineConfig,
        source: ResolvedSource,
        logger: Logger,
        clock: any RunClock = SystemClock(),
        monitor: RunMonitor = RunMonitor(),
        client: @escaping @Sendable (ResolvedSource.Account) -> any GraphFetching
    ) {
        self.config = config
        self.source = source
        self.logger = logger
        self.clock = clock
        self.monitor = monitor
        self.makeClient = client
    }

    /// Runs the pipeline to completion, or throws with the journal committed up to the last whole page.
    public func run(options: RunOptions = RunOptions()) async throws -> RunStatistics {
        let started = clock.now
        let lock = try RunLock(pipeline: config.name, statePath: config.checkpoint.path, now: started)
        defer { withExtendedLifetime(lock) {} }

        let journal = try RunJournal(config: config, fresh: options.fresh, now: started, logger: logger)
        if !journal.discarded.isEmpty { try SinkSet.discard(journal.discarded) }
        let run = journal.run
        let sinks = try SinkSet(
            config.load,
            context: SinkSet.context(
                pipeline: config.name,
                runID: run.id,
                date: run.date,
                committed: run.outputs,
                publishing: run.phase == .publishing,
                startedAt: run.startedAt,
                statistics: run.outputStats ?? [:]
            )
        )
        let committer = PageCommitter(
            sinks: sinks,
            journal: journal,
            syncEveryPage: config.checkpoint.durability == .page,
            clock: clock,
            monitor: monitor,
            landing: LandingZone(config: config)
        )
        if run.phase == .extracting {
            let transformer = Transformer(
                steps: config.transform,
                runID: run.id,
                extractedAt: run.startedAt,
                requestedFields: config.extract.requestedFields
            )
            let refused = RefusedMetrics()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for account in source.accounts {
                    let context = StreamContext(
                        client: makeClient(account),
                        account: account.id,
                        concurrency: config.http.concurrency,
                        clock: clock,
                        logger: logger
                    )
                    let accountRun = AccountRun(
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
                    group.addTask { try await accountRun.run() }
                }
                // `next()` rethrows the first failure, which cancels the other accounts: a run stops at once.
                while try await group.next() != nil {}
            }
        }
        let (published, totals) = try await committer.publish()
        var statistics = monitor.statistics
        statistics.runID = run.id
        statistics.resumed = journal.resumed
        statistics.published = published
        statistics.pages = totals.pages
        statistics.records = [:]
        for (name, count) in totals.records {
            if let kind = StreamKind(rawValue: name) { statistics.records[kind] = count }
        }
        statistics.setSkipped(byKey: totals.skipped ?? [:])
        statistics.durationSeconds = clock.now.timeIntervalSince(started)
        return statistics
    }
}

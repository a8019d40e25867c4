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

/// Runs a pipeline: takes the run lock, resumes or starts a run, extracts every account's streams page by
/// page, commits each page, and publishes the outputs.
public struct Runner: Sendable {
    public let config: PipelineConfig
    public let source: ResolvedSource
    private let logger: Logger
    private let makeClient: @Sendable (ResolvedSource.Account) -> any GraphFetching
    private let progress: ProgressHandler?

    /// Creates a runner; `client` makes the Graph client of each account, and `progress`, when given, hears of
    /// every profile and committed page.
    public init(
        config: PipelineConfig,
        source: ResolvedSource,
        logger: Logger,
        progress: ProgressHandler? = nil,
        client: @escaping @Sendable (ResolvedSource.Account) -> any GraphFetching
    ) {
        self.config = config
        self.source = source
        self.logger = logger
        self.progress = progress
        self.makeClient = client
    }

    /// Runs the pipeline to completion, or throws with the state committed up to the last whole page.
    public func run(options: RunOptions = RunOptions()) async throws -> RunReport {
        let started = Date()
        let lock = try RunLock(pipeline: config.name, statePath: config.checkpoint.path, now: started)
        defer { withExtendedLifetime(lock) {} }

        let store = StateStore(path: config.checkpoint.path)
        var state = RunState(pipeline: config.name)
        do {
            if let saved = try store.load() { state = saved }
        } catch {
            guard options.fresh, error.kind == .corrupt else { throw error }
            logger.warning("starting over from a damaged state file", metadata: ["error": "\(error)"])
        }
        if options.fresh, let run = state.run {
            logger.notice("discarding the interrupted run", metadata: ["run": "\(run.id)"])
            try OutputFile.discardPartials(of: Array(run.outputs.keys))
            state.run = nil
        }
        let resumed = state.run != nil
        if let run = state.run, let fingerprint = run.outputFingerprint, fingerprint != config.outputFingerprint {
            throw ConfigError(
                path: config.file,
                line: 0,
                column: 0,
                key: "",
                message: "extract, transform or load changed since run \(run.id) was interrupted, so it cannot be "
                    + "resumed into the same files; restore the file, or run with --fresh to start over"
            )
        }
        if state.run == nil {
            state.run = RunProgress(id: Self.runID(started), startedAt: started, date: Timestamp(started).utcDate)
            state.run?.outputFingerprint = config.outputFingerprint
            try store.save(state, sync: config.checkpoint.durability == .page)
        }
        guard let run = state.run else { return RunReport(runID: "") }
        if resumed {
            logger.notice(
                "resuming the interrupted run",
                metadata: ["run": "\(run.id)", "phase": "\(run.phase.rawValue)"]
            )
        }

        let context = Self.sinkContext(config: config, run: run)
        let transformer = Transformer(
            steps: config.transform,
            runID: run.id,
            extractedAt: run.startedAt,
            requestedFields: config.extract.requestedFields
        )
        let committer = try PageCommitter(
            config: config,
            state: state,
            context: context,
            transformer: transformer,
            progress: progress
        )

        var report = RunReport(runID: run.id)
        report.resumed = resumed
        let clients = source.accounts.map { ($0, makeClient($0)) }
        if run.phase == .extracting {
            let bookmarks = state.bookmarks
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (account, client) in clients {
                    let extraction = AccountExtraction(
                        config: config,
                        account: account.id,
                        client: client,
                        committer: committer,
                        bookmarks: bookmarks,
                        logger: logger,
                        progress: progress
                    )
                    group.addTask { try await extraction.run() }
                }
                // `next()` rethrows the first failure, which cancels the other accounts: a run stops at once.
                while try await group.next() != nil {}
            }
        }
        (report.published, report.records, report.pages) = try await committer.publish(now: Date())
        var statistics = FetchStatistics()
        for (_, client) in clients { statistics = statistics + (await client.statistics()) }
        report.requests = statistics.requests
        report.retries = statistics.retries
        report.waits = statistics.waits
        report.waitedSeconds = statistics.waitedSeconds
        report.bytesReceived = statistics.bytesReceived
        report.durationSeconds = Date().timeIntervalSince(started)
        return report
    }

    /// The sinks' view of a run. A run that died while publishing has published some outputs already: those
    /// whose partial file is gone and whose target was written during this run (a rename keeps the partial's
    /// modification time). The others are reopened at their committed offsets and published again; a partial
    /// that vanished otherwise (a cleaner, a hand) is left for `OutputFile` to report rather than taken as done.
    static func sinkContext(config: PipelineConfig, run: RunProgress) -> SinkContext {
        var offsets = run.outputs
        var published: Set<String> = []
        if run.phase == .publishing {
            for path in run.outputs.keys where access(OutputFile.partialPath(for: path), F_OK) != 0 {
                var status = stat()
                guard stat(path, &status) == 0,
                    TimeInterval(status.st_mtim.tv_sec) >= run.startedAt.timeIntervalSince1970.rounded(.down)
                else { continue }
                offsets[path] = nil
                published.insert(path)
            }
        }
        return SinkContext(
            pipeline: config.name,
            runID: run.id,
            date: run.date,
            resumeOffsets: offsets,
            published: published
        )
    }

    // ISO8601FormatStyle rather than DateFormatter: DateFormatter goes through ICU, whose data pages alone added
    // 6 MB to a run's peak RSS.
    static func runID(_ date: Date) -> String {
        let style = Date.ISO8601FormatStyle(dateSeparator: .omitted, timeSeparator: .omitted, timeZone: .gmt)
        let suffix = String(UInt32.random(in: 0...0xFFFF), radix: 16)
        return "\(style.format(date))-\(String(repeating: "0", count: 4 - suffix.count))\(suffix)"
    }
}

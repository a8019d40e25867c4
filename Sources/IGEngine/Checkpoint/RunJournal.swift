import Foundation
import IGCore
import Logging

/// The checkpoint of one account's runs: where the account's streams stand in the current run, every output's
/// committed byte offset, and the bookmarks that completed runs leave for incremental ones.
///
/// Each account has a journal of its own, in its own file of the state folder (see `StateFolder`), so accounts
/// resume, complete and move between shards independently.
///
/// Opening it starts a run or resumes the interrupted one. `record` saves a page's position after its records
/// are written and flushed, as a line appended to the state's journal (durably with `durability: page`), and
/// rewrites the whole state every `compactionInterval` pages; `complete` turns the run's positions into
/// bookmarks once every output is published, and forgets the run.
public struct RunJournal: Sendable {
    /// The pages recorded in the journal before the state file is rewritten: enough that the rename and the
    /// encoding of the whole state are rare, few enough that reading the state stays quick.
    public static let compactionInterval = 100
    /// A bookmark further ahead of the clock than this is not believed (see `bookmark(_:)`).
    public static let futureTolerance: TimeInterval = 86_400

    /// The run in progress.
    public private(set) var run: RunProgress
    /// Whether the run continues an interrupted one.
    public let resumed: Bool
    /// The outputs of an interrupted run that `fresh` discarded: their partial files are to be removed.
    public let discarded: [String]
    private let pipeline: String
    private var bookmarks: [String: Bookmark]
    private let store: StateStore
    private let sync: Bool
    /// The pages appended to the journal since the state file was written.
    private var journaled = 0

    /// Opens `account`'s journal in the state folder `config.checkpoint.path`: resumes the account's
    /// interrupted run, or starts the run `runID` at `now`.
    ///
    /// - Parameter fresh: discard an interrupted run (and start over from a damaged state file).
    /// - Throws: `StateError`; `ConfigError` when the pipeline's outputs changed since the run was interrupted.
    public init(
        config: PipelineConfig,
        account: String,
        runID: String? = nil,
        fresh: Bool,
        now: Date,
        logger: Logger
    ) throws {
        store = StateFolder(config).store(account: account)
        sync = config.checkpoint.durability == .page
        pipeline = config.name
        var state = RunState(pipeline: config.name)
        do {
            if let saved = try store.load() { state = saved }
        } catch {
            guard fresh, error.kind == .corrupt else { throw error }
            logger.warning(
                "starting over from a damaged state file",
                metadata: ["account": "\(account)", "error": "\(error)"]
            )
        }
        bookmarks = state.bookmarks
        if fresh, let interrupted = state.run {
            logger.notice(
                "discarding the interrupted run",
                metadata: ["account": "\(account)", "run": "\(interrupted.id)"]
            )
            discarded = Array(interrupted.outputs.keys)
            state.run = nil
        } else {
            discarded = []
        }
        if let interrupted = state.run {
            if let fingerprint = interrupted.outputFingerprint, fingerprint != config.outputFingerprint {
                throw ConfigError(
                    path: config.file,
                    line: 0,
                    column: 0,
                    key: "",
                    message: "extract, transform or load changed since run \(interrupted.id) was interrupted, so it "
                        + "cannot be resumed into the same files; restore the file, or run with --fresh to start over"
                )
            }
            run = interrupted
            resumed = true
            // Rewriting the state folds in the journal and drops a line a crash cut short, which the next
            // append would otherwise run into.
            try save()
            logger.notice(
                "resuming the interrupted run",
                metadata: [
                    "account": "\(account)", "run": "\(interrupted.id)", "phase": "\(interrupted.phase.rawValue)",
                ]
            )
        } else {
            run = RunProgress(id: runID ?? Self.runID(now), startedAt: now, date: Timestamp(now).utcDate)
            run.outputFingerprint = config.outputFingerprint
            resumed = false
            try save()
        }
    }

    /// The bookmark of an account's stream, unless it lies further in the future than `now` allows: a post
    /// dated 2999 must not stop every later incremental run.
    public func bookmark(_ key: String, now: Date) -> Bookmark? {
        guard let bookmark = bookmarks[key] else { return nil }
        if let newest = bookmark.newestTimestamp.flatMap({ Timestamp(parsing: $0)?.seconds }),
            Double(newest) > now.timeIntervalSince1970 + Self.futureTolerance
        {
            return nil
        }
        return bookmark
    }

    /// Records that a page of `key`'s stream is written: its position, the committed offsets of the outputs it
    /// touched, and its records and skips per stream. Saved before it returns.
    public mutating func record(
        _ key: String,
        position: StreamPosition,
        outputs: [String: UInt64],
        records: [StreamKind: Int],
        skipped: [String: Int],
        now: Date,
        statistics: [String: OutputStats] = [:]
    ) throws(StateError) {
        // The page is applied as its journal line, so a replayed journal changes the run exactly as this did.
        var totals = run.records
        for (stream, count) in records { totals[stream.rawValue, default: 0] += count }
        let entry = RunProgress.PageEntry(
            run: run.id,
            pages: run.pages + 1,
            updatedAt: now,
            key: key,
            position: position,
            outputs: outputs,
            outputStats: statistics.isEmpty ? nil : statistics,
            records: totals,
            skipped: skipped.isEmpty ? run.skipped : (run.skipped ?? [:]).merging(skipped, uniquingKeysWith: +)
        )
        run.apply(entry)
        guard journaled < Self.compactionInterval else { return try save() }
        try store.append(entry, sync: sync, creates: journaled == 0)
        journaled += 1
    }

    /// Marks the run as publishing, with every output's final committed offset; saved durably.
    public mutating func beginPublishing(
        outputs: [String: UInt64],
        statistics: [String: OutputStats] = [:]
    ) throws(StateError) {
        run.outputs.merge(outputs) { $1 }
        if !statistics.isEmpty { run.outputStats = (run.outputStats ?? [:]).merging(statistics) { $1 } }
        run.phase = .publishing
        try save(sync: true)
    }

    /// Turns the run's stream positions into bookmarks and forgets the run, once every output is published.
    public mutating func complete(now: Date) throws(StateError) {
        for (key, stream) in run.streams {
            let previous = bookmarks[key]?.newestTimestamp
            bookmarks[key] = Bookmark(
                newestTimestamp: Self.newest(stream.newestTimestamp, previous),
                completedAt: now,
                runID: run.id,
                records: stream.records
            )
        }
        try store.save(RunState(pipeline: pipeline, run: nil, bookmarks: bookmarks), sync: true)
        journaled = 0
    }

    private mutating func save(sync: Bool? = nil) throws(StateError) {
        try store.save(RunState(pipeline: pipeline, run: run, bookmarks: bookmarks), sync: sync ?? self.sync)
        journaled = 0
    }

    private static func newest(_ a: String?, _ b: String?) -> String? {
        guard let a else { return b }
        guard let b else { return a }
        let secondsA = Timestamp(parsing: a)?.seconds ?? 0
        let secondsB = Timestamp(parsing: b)?.seconds ?? 0
        return secondsA >= secondsB ? a : b
    }

    // ISO8601FormatStyle rather than DateFormatter: DateFormatter goes through ICU, whose data pages alone added
    // 6 MB to a run's peak RSS.
    /// A new run's id: the UTC time it started and 16 random bits.
    public static func runID(_ date: Date) -> String {
        let style = Date.ISO8601FormatStyle(dateSeparator: .omitted, timeSeparator: .omitted, timeZone: .gmt)
        let suffix = String(UInt32.random(in: 0...0xFFFF), radix: 16)
        return "\(style.format(date))-\(String(repeating: "0", count: 4 - suffix.count))\(suffix)"
    }
}

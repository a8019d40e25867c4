import IGGraph

/// A writer of one output format: it turns pages of records into one or more files.
///
/// A sink writes into partial files beside its targets (see `OutputFile`). The runner calls `write` for each
/// page of a stream the sink takes, then `commit` before it saves the checkpoint, and `finish` once at the end
/// of a successful run, which completes and publishes every file. A sink is used from one task at a time.
public protocol Sink: AnyObject {
    /// The sink's configuration.
    var config: SinkConfig { get }

    /// Writes the records of one page.
    func write(_ page: Page) throws(SinkError)

    /// Flushes everything written so far (and fsyncs it when `sync` is true), and returns each partial file's
    /// committed byte offset, keyed by target path. A resumed run passes these back in `SinkContext`.
    func commit(sync: Bool) throws(SinkError) -> [String: UInt64]

    /// Ends every document, syncs, and publishes each file by atomic rename; returns the published paths.
    func finish() throws(SinkError) -> [String]

    /// What each file opened so far holds (rows, timestamps), by target path, for the run manifest.
    var statistics: [String: OutputStats] { get }

    /// The published files that list other published files (the archive's manifest): an upload sends them after
    /// the files they list, so a bucket never holds a listing of objects that are not there yet.
    var listings: [String] { get }
}

extension Sink {
    /// Feeds keep no statistics: the manifest lists them without rows.
    public var statistics: [String: OutputStats] { [:] }

    /// Most sinks' files list nothing.
    public var listings: [String] { [] }
}

/// What a sink needs to know about the run it writes for.
public struct SinkContext: Sendable {
    /// The pipeline's name, for `{pipeline}` in path templates.
    public var pipeline: String
    /// The run's id, for `{run}`.
    public var runID: String
    /// The run's start date as `YYYY-MM-DD` (UTC), for `{date}`.
    public var date: String
    /// Committed offsets of a previous, unfinished run, by target path: the sink cuts each partial file back
    /// to its offset and continues after it. Empty for a fresh run.
    public var resumeOffsets: [String: UInt64]
    /// Targets an interrupted run already published (it died while publishing): the sink leaves them alone.
    public var published: Set<String>
    /// What the committed part of each resumed file holds, by target path, as the journal recorded it.
    public var resumeStatistics: [String: OutputStats]
    /// The keys every record of a stream has once transformed, when the pipeline knows them before the first
    /// record: a CSV without `columns` takes its header from here, never from whichever record comes first.
    public var columns: [StreamKind: [String]] = [:]
    /// The output locks taken before the run's first request (see `SinkSet.reserveOutputs`).
    let reservations = OutputReservations()

    /// Creates a context.
    public init(
        pipeline: String,
        runID: String,
        date: String,
        resumeOffsets: [String: UInt64] = [:],
        published: Set<String> = [],
        resumeStatistics: [String: OutputStats] = [:]
    ) {
        self.published = published
        self.resumeStatistics = resumeStatistics
        self.pipeline = pipeline
        self.runID = runID
        self.date = date
        self.resumeOffsets = resumeOffsets
    }
}

import Foundation
import IGCore
import IGGraph

/// Everything a pipeline's state file holds: the unfinished run, if any, and each stream's bookmark.
///
/// The state never holds a `next` URL or anything else that carries the token: cursors only.
public struct RunState: Codable, Sendable, Equatable {
    /// The state file's format version.
    public var version = 1
    public var pipeline: String
    /// The run in progress or interrupted; `nil` once a run has completed.
    public var run: RunProgress?
    /// Per `account/stream`, what the last completed run reached.
    public var bookmarks: [String: Bookmark] = [:]

    /// Creates a state for a pipeline: empty by default.
    public init(pipeline: String, run: RunProgress? = nil, bookmarks: [String: Bookmark] = [:]) {
        self.pipeline = pipeline
        self.run = run
        self.bookmarks = bookmarks
    }

    /// The key of an account's stream in `streams` and `bookmarks`.
    public static func key(account: String, stream: StreamKind) -> String { "\(account)/\(stream.rawValue)" }
}

/// An unfinished run: where each stream is and how far each output file is committed.
public struct RunProgress: Codable, Sendable, Equatable {
    /// What the run is doing.
    public enum Phase: String, Codable, Sendable {
        /// Extracting and writing pages.
        case extracting
        /// Every stream is done; files are being completed and renamed into place.
        case publishing
    }

    public var id: String
    public var startedAt: Date
    /// The UTC date the run started, which `{date}` in paths keeps across resumes.
    public var date: String
    public var phase = Phase.extracting
    /// What the run's outputs depend on (see `PipelineConfig.outputFingerprint`): a resume under an edited
    /// pipeline would mix two layouts in one file.
    public var outputFingerprint: String?
    public var updatedAt: Date
    /// Per `account/stream`.
    public var streams: [String: StreamPosition] = [:]
    /// Committed byte offsets of the partial output files, by target path.
    public var outputs: [String: UInt64] = [:]
    /// What the committed part of each output holds (rows, timestamps), by target path, for the run manifest;
    /// absent in state files written before it existed.
    public var outputStats: [String: OutputStats]?
    /// Records committed per stream (every account), after transform steps.
    public var records: [String: Int] = [:]
    /// Pages committed.
    public var pages = 0
    /// What the streams read but did not write, or wrote with a caveat, by `stream/reason`; absent in state
    /// files written before it existed.
    public var skipped: [String: Int]?

    /// Creates the progress of a run that starts now.
    public init(id: String, startedAt: Date, date: String) {
        self.id = id
        self.startedAt = startedAt
        self.date = date
        self.updatedAt = startedAt
    }
}

/// What the last completed run of a stream reached.
public struct Bookmark: Codable, Sendable, Equatable {
    /// The newest record's timestamp, as the API wrote it.
    public var newestTimestamp: String?
    public var completedAt: Date
    public var runID: String
    public var records: Int

    /// Creates a bookmark.
    public init(newestTimestamp: String?, completedAt: Date, runID: String, records: Int) {
        self.newestTimestamp = newestTimestamp
        self.completedAt = completedAt
        self.runID = runID
        self.records = records
    }
}

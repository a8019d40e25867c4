import Foundation

/// Where one account's stream is: what the stream needs to go on after the page that carries it, and what the
/// journal saves so that a resumed run goes on from there.
public struct StreamPosition: Codable, Sendable, Equatable {
    /// Whether the stream has reached its last page.
    public var done = false
    /// The `after` cursor of the next page to read; `nil` at the start and at the end.
    public var cursor: String?
    /// When `cursor` was saved: an old cursor is not trusted on resume.
    public var cursorSavedAt: Date?
    /// The `until` of the time window the cursor was issued in, when the stream resumed by time window.
    public var windowUntil: Int64?
    /// The last written record's id and timestamp: where a time-window resume starts.
    public var lastID: String?
    public var lastTimestamp: String?
    /// The newest timestamp written, which becomes the bookmark when the run completes.
    public var newestTimestamp: String?
    /// Ids written at `lastTimestamp`, so a time-window resume skips them (several media can share a second).
    public var idsAtLastTimestamp: [String] = []
    public var pages = 0
    public var records = 0

    /// Creates a position: by default, that of a stream that has not started.
    public init(done: Bool = false, cursor: String? = nil) {
        self.done = done
        self.cursor = cursor
    }
}

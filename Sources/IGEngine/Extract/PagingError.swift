/// An edge that cannot be paged to its end without looping, or cannot be resumed without writing a record twice.
///
/// The API sent something that makes no sense (exit 65); the state keeps every committed page, so once the
/// cause is gone a rerun resumes.
public struct PagingError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The API handed back a cursor it had already given.
        case repeatedCursor(String)
        /// Many pages in a row brought no record the stream had not read already.
        case noProgress(pages: Int)
        /// The edge gave far more records than the object announced (`media_count`, `comments_count`).
        case pastAnnounced(read: Int, announced: Int)
        /// A time-window resume met a record without a usable timestamp, so it cannot tell whether it was written.
        case untimedRecord(id: String?)
    }

    /// The edge, such as `me/media` (never a URL: no token).
    public var edge: String
    public var kind: Kind

    /// Creates an error.
    public init(edge: String, kind: Kind) {
        self.edge = edge
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .repeatedCursor:
            "\(edge): the API returned the same cursor twice; stopping instead of looping (rerun to resume)"
        case .noProgress(let pages):
            "\(edge): \(pages) pages in a row brought no new record; the edge loops, so the run stops here "
                + "(rerun to resume)"
        case .pastAnnounced(let read, let announced):
            "\(edge): read \(read) records where the API announced \(announced); the edge loops, so the run "
                + "stops here (rerun to resume)"
        case .untimedRecord(let id):
            "\(edge): record \(id ?? "without id") has no usable timestamp, so a time-window resume cannot tell "
                + "whether it was already written; run with --fresh to start over"
        }
    }
}

import IGCore

/// Stops an edge that would page forever: a cursor handed back twice, pages that bring no new record, or far
/// more records than the object announced. It also drops records the edge already gave in this run, so an API
/// that repeats itself cannot make a stream write a record twice.
struct PagingGuard: Sendable {
    /// Pages in a row with no new record before the edge counts as looping.
    static let maxPagesWithoutNewRecords = 10

    let edge: String
    /// How many records the object announced, when it did.
    let announced: Int?
    /// How often an empty page may hand back the cursor it was asked with (a retry, not a loop).
    let maxEmptyRepeats: Int
    private var cursors: Set<String> = []
    private var ids: Set<String> = []
    private var read = 0
    private var pagesWithoutNew = 0
    private var emptyRepeats = 0

    init(edge: String, announced: Int?, maxEmptyRepeats: Int) {
        self.edge = edge
        self.announced = announced
        self.maxEmptyRepeats = maxEmptyRepeats
    }

    /// Whether a page with `after` is one to go on with (`true`) or the same empty page again, to ask for once
    /// more (`false`).
    mutating func accepts(after: String?, isEmpty: Bool, askedWith cursor: String?) throws(PagingError) -> Bool {
        guard let after, !cursors.insert(after).inserted else {
            emptyRepeats = 0
            return true
        }
        guard isEmpty, after == cursor, emptyRepeats < maxEmptyRepeats else {
            throw PagingError(edge: edge, kind: .repeatedCursor(after))
        }
        emptyRepeats += 1
        return false
    }

    /// The records not read before in this run, in order; throws when the edge has stopped making progress.
    mutating func newRecords(_ records: [Record], id: (Record) -> String?) throws(PagingError) -> [Record] {
        read += records.count
        if let announced, read > announced * 2 + 100 {
            throw PagingError(edge: edge, kind: .pastAnnounced(read: read, announced: announced))
        }
        let fresh = records.filter { record in id(record).map { ids.insert($0).inserted } ?? true }
        pagesWithoutNew = fresh.isEmpty ? pagesWithoutNew + 1 : 0
        if pagesWithoutNew >= Self.maxPagesWithoutNewRecords {
            throw PagingError(edge: edge, kind: .noProgress(pages: pagesWithoutNew))
        }
        return fresh
    }
}

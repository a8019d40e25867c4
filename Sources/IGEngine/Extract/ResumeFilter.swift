import IGCore

/// Which records of a time-window resume were written before the interruption.
///
/// A resumed stream goes back in by time window, `until` = the last written timestamp (inclusive), so the first
/// records it gets are those at that very second: the ones whose ids the position lists were written already.
/// Records are compared by id, never by time alone, so a newer record on a later page is never dropped; a
/// record without a usable timestamp cannot be placed, and the stream stops rather than risk writing it twice.
struct ResumeFilter: Sendable {
    /// The last written timestamp, as Unix seconds: where a time-window resume starts.
    let until: Int64?
    private let idsAtUntil: Set<String>

    init(_ position: StreamPosition) {
        until = position.lastTimestamp.flatMap { Timestamp(parsing: $0)?.seconds }
        idsAtUntil = Set(position.idsAtLastTimestamp)
    }

    /// The records of a page read inside the resume window that were not written before.
    func unwritten(_ records: [Record], edge: String) throws(PagingError) -> [Record] {
        guard let until else { return records }
        var kept: [Record] = []
        kept.reserveCapacity(records.count)
        for record in records {
            let id = GraphID.text(record["id"])
            guard let seconds = timestampSeconds(record) else {
                throw PagingError(edge: edge, kind: .untimedRecord(id: id))
            }
            if seconds > until { continue }
            if seconds == until, let id, idsAtUntil.contains(id) { continue }
            kept.append(record)
        }
        return kept
    }
}

/// The record's `timestamp` as Unix seconds, when it has a parseable one.
func timestampSeconds(_ record: Record) -> Int64? {
    record["timestamp"]?.stringValue.flatMap { Timestamp(parsing: $0)?.seconds }
}

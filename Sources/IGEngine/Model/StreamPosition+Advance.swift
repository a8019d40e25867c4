import Foundation
import IGCore

extension StreamPosition {
    /// Moves the position past a page of `records` (newest first); the next page starts after `cursor`, or, with
    /// none, by time window after the last timestamp.
    ///
    /// The newest timestamp, which becomes the bookmark of incremental runs, ignores timestamps later than
    /// `latestBelievable`: a post dated 2999 would otherwise stop every later incremental run. Each such record
    /// is counted in `skipped` as `future_timestamp` (it is still written).
    mutating func advance(
        over records: [Record],
        done: Bool,
        cursor next: String?,
        window: Int64?,
        now: Date,
        latestBelievable: Int64,
        skipped: inout [String: Int]
    ) {
        self.done = done
        cursor = next
        cursorSavedAt = next == nil ? nil : now
        windowUntil = next == nil ? nil : window
        if let last = records.last(where: { $0["timestamp"]?.stringValue != nil }),
            let timestamp = last["timestamp"]?.stringValue
        {
            let idsAtLast = records.filter { $0["timestamp"]?.stringValue == timestamp }.compactMap {
                GraphID.text($0["id"])
            }
            idsAtLastTimestamp = timestamp == lastTimestamp ? idsAtLastTimestamp + idsAtLast : idsAtLast
            lastID = GraphID.text(last["id"])
            lastTimestamp = timestamp
        }
        var newestSeconds = newestTimestamp.flatMap { Timestamp(parsing: $0)?.seconds }
        for record in records {
            guard let text = record["timestamp"]?.stringValue, let seconds = Timestamp(parsing: text)?.seconds
            else { continue }
            guard seconds <= latestBelievable else {
                skipped["future_timestamp", default: 0] += 1
                continue
            }
            if seconds > newestSeconds ?? .min {
                newestSeconds = seconds
                newestTimestamp = text
            }
        }
        pages += 1
        self.records += records.count
    }
}

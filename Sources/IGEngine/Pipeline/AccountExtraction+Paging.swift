import Foundation
import IGCore
import IGGraph
import Logging

extension AccountExtraction {
    /// Reads a paged edge from where its stream stopped and commits page after page, each with the pages that
    /// `fanOut` derives from its records (insights and comments of media).
    ///
    /// Resume follows DESIGN.md's guarantee 3: a saved cursor is used while it is younger than
    /// `checkpoint.cursor_ttl` and the API accepts it; otherwise the stream goes back in by time window
    /// (`until` = the last written timestamp) and skips the ids it already wrote at that second.
    /// With `olderThanStops`, the stream ends at the first record older than that Unix time (incremental).
    func readPages(
        _ edge: EdgeReader,
        stream: StreamKind,
        key: String,
        context: AccountContext,
        olderThanStops threshold: Int64?,
        fanOut: @Sendable ([Record]) async throws -> [Page]
    ) async throws {
        let saved = await committer.streamState(key) ?? StreamState()
        if saved.done { return }
        var position = startPosition(saved)
        var seenCursors: Set<String> = []
        var emptyRepeats = 0
        var skip = Skip(saved)

        while true {
            let page: EdgePage
            do {
                page = try await edge.read(client, at: position)
            } catch let error as GraphError where error.category == .cursor {
                guard case .cursor = position, let window = skip.until else { throw error }
                logger.warning(
                    "the saved cursor was refused; resuming by time window",
                    metadata: ["account": "\(account)", "stream": "\(stream.rawValue)", "until": "\(window)"]
                )
                position = .window(until: window)
                continue
            }
            if let after = page.after, !seenCursors.insert(after).inserted {
                // An empty page may hand back the cursor it was asked with; that is a retry, not a loop, as
                // long as it does not go on.
                guard page.data.isEmpty, position == .cursor(after, until: windowUntil(position)),
                    emptyRepeats < config.http.retry.maxAttempts
                else { throw GraphLoopError(path: edge.path, cursor: after) }
                emptyRepeats += 1
                continue
            }
            emptyRepeats = 0
            var records = page.data.filter { skip.keeps($0) }
            var reachedOld = false
            if let threshold, let index = records.firstIndex(where: { (timestamp($0) ?? .max) < threshold }) {
                records.removeSubrange(index...)
                reachedOld = true
            }
            let derived = try await fanOut(records)
            let done = page.after == nil || reachedOld
            let windowUntil = windowUntil(position)
            let mainPage = Page(stream: stream, account: account, records: records, nextCursor: page.after)
            let last = records.last { $0["timestamp"]?.stringValue != nil }
            let lastTimestamp = last.flatMap { $0["timestamp"]?.stringValue }
            let newest = records.first.flatMap { $0["timestamp"]?.stringValue }
            let idsAtLast =
                lastTimestamp.map { ts in records.filter { $0["timestamp"]?.stringValue == ts }.compactMap(id) } ?? []
            let count = records.count
            let now = Date()
            try await committer.commit([mainPage] + derived, account: context, key: key) { state in
                state.done = done
                state.cursor = done ? nil : page.after
                state.cursorSavedAt = done ? nil : now
                state.windowUntil = done ? nil : windowUntil
                if let last, let lastTimestamp {
                    if lastTimestamp == state.lastTimestamp {
                        state.idsAtLastTimestamp += idsAtLast
                    } else {
                        state.idsAtLastTimestamp = idsAtLast
                    }
                    state.lastID = id(last)
                    state.lastTimestamp = lastTimestamp
                }
                if state.newestTimestamp == nil, let newest { state.newestTimestamp = newest }
                state.pages += 1
                state.records += count
            }
            skip.advance(records)
            guard let after = page.after, !done else { return }
            position = .cursor(after, until: windowUntil)
        }
    }

    private func windowUntil(_ position: EdgeReader.Position) -> Int64? {
        switch position {
        case .start: nil
        case .cursor(_, let until): until
        case .window(let until): until
        }
    }

    private func startPosition(_ saved: StreamState) -> EdgeReader.Position {
        if let cursor = saved.cursor, let savedAt = saved.cursorSavedAt,
            Date().timeIntervalSince(savedAt) < config.checkpoint.cursorTTL.seconds
        {
            return .cursor(cursor, until: saved.windowUntil)
        }
        if let last = saved.lastTimestamp, let seconds = Timestamp(parsing: last)?.seconds {
            return .window(until: seconds)
        }
        return .start
    }
}

/// Which records a resumed stream has already written: those newer than its last timestamp, and those at
/// that very second whose ids it wrote.
private struct Skip {
    var lastTimestamp: Int64?
    var idsAtLast: Set<String>

    init(_ state: StreamState) {
        lastTimestamp = state.lastTimestamp.flatMap { Timestamp(parsing: $0)?.seconds }
        idsAtLast = Set(state.idsAtLastTimestamp)
    }

    /// The `until` for a time-window resume.
    var until: Int64? { lastTimestamp }

    func keeps(_ record: Record) -> Bool {
        guard let lastTimestamp, let seconds = timestamp(record) else { return true }
        if seconds > lastTimestamp { return false }
        if seconds == lastTimestamp, let id = id(record) { return !idsAtLast.contains(id) }
        return true
    }

    mutating func advance(_ records: [Record]) {
        for record in records {
            guard let seconds = timestamp(record) else { continue }
            if seconds != lastTimestamp {
                lastTimestamp = seconds
                idsAtLast = []
            }
            if let id = id(record) { idsAtLast.insert(id) }
        }
    }
}

private func timestamp(_ record: Record) -> Int64? {
    record["timestamp"]?.stringValue.flatMap { Timestamp(parsing: $0)?.seconds }
}

private func id(_ record: Record) -> String? {
    switch record["id"] {
    case .string(let value): value
    case .int(let value): String(value)
    default: nil
    }
}

/// The API handed back a cursor it had already given: following it would loop forever.
public struct GraphLoopError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var cursor: String

    public var description: String {
        "\(path): the API returned the same cursor twice; stopping instead of looping (rerun to resume)"
    }
}

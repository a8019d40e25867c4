import Foundation
import IGCore
import IGGraph

/// The pages of a paged edge (`me/media`, `me/stories`) from a saved position on, newest first: the paging that
/// the media and stories streams share.
///
/// Resume follows DESIGN.md's guarantee 3: a saved cursor younger than `cursorTTL` is tried first; a refused or
/// stale one is replaced by a time window (`until` = the last written timestamp) in which `ResumeFilter` skips
/// what was written already. With `olderThan`, the stream ends at the first record older than that Unix time
/// (incremental runs). `PagingGuard` stops an edge that loops. Each page carries the position after it, which
/// the journal records once the page is written.
public struct EdgeStream: AsyncSequence, Sendable {
    public typealias Element = Page

    /// A timestamp further ahead of the clock than this is not believed: it never becomes the bookmark.
    static let futureTolerance: TimeInterval = 86_400

    let context: StreamContext
    let stream: StreamKind
    let edge: EdgeReader
    /// Where the stream stood when the run started (or resumed).
    let start: StreamPosition
    let cursorTTL: Duration
    /// Incremental runs: the stream ends at the first record older than this Unix time.
    var olderThan: Int64?
    /// How many records the edge should hold, when the API said (`media_count`).
    var announced: Int?
    /// How often an empty page that hands back its own cursor is asked for again.
    var maxEmptyRepeats = 8

    public func makeAsyncIterator() -> Iterator {
        Iterator(self)
    }

    /// Reads page after page.
    public struct Iterator: AsyncIteratorProtocol {
        private let source: EdgeStream
        private var position: StreamPosition
        private var anchor: EdgeReader.Anchor
        private let filter: ResumeFilter
        private var loopGuard: PagingGuard

        init(_ source: EdgeStream) {
            self.source = source
            position = source.start
            filter = ResumeFilter(source.start)
            loopGuard = PagingGuard(
                edge: source.edge.path,
                announced: source.announced,
                maxEmptyRepeats: source.maxEmptyRepeats
            )
            anchor = Self.anchor(
                resuming: source.start,
                filter: filter,
                now: source.context.clock.now,
                source.cursorTTL
            )
            if source.start.cursor != nil, case .window(let until) = anchor {
                source.context.logger.notice(
                    "the saved cursor is older than checkpoint.cursor_ttl; resuming by time window",
                    metadata: [
                        "account": "\(source.context.account)", "stream": "\(source.stream.rawValue)",
                        "until": "\(until)",
                    ]
                )
            }
        }

        /// Where a stream starts: after its saved cursor while that is young enough, else by time window after
        /// its last timestamp. A stream that wrote records but has no timestamp to go back to keeps its cursor,
        /// however old: the API may still take it, and the start would write everything again.
        private static func anchor(
            resuming saved: StreamPosition,
            filter: ResumeFilter,
            now: Date,
            _ ttl: Duration
        ) -> EdgeReader.Anchor {
            if let cursor = saved.cursor {
                let young = saved.cursorSavedAt.map { now.timeIntervalSince($0) < ttl.seconds } ?? false
                if young || filter.until == nil { return .cursor(cursor, until: saved.windowUntil) }
            }
            if let until = filter.until { return .window(until: until) }
            return .start
        }

        public mutating func next() async throws -> Page? {
            guard !position.done else { return nil }
            let context = source.context
            while true {
                let response: EdgePage
                do {
                    response = try await source.edge.read(context.client, at: anchor)
                } catch let error as GraphError where error.category == .cursor {
                    guard anchor.cursor != nil, let until = filter.until else { throw error }
                    context.logger.warning(
                        "the saved cursor was refused; resuming by time window",
                        metadata: [
                            "account": "\(context.account)", "stream": "\(source.stream.rawValue)", "until": "\(until)",
                        ]
                    )
                    anchor = .window(until: until)
                    continue
                }
                guard
                    try loopGuard.accepts(
                        after: response.after,
                        isEmpty: response.data.isEmpty,
                        askedWith: anchor.cursor
                    )
                else { continue }
                return try page(response)
            }
        }

        private mutating func page(_ response: EdgePage) throws -> Page {
            let edge = source.edge.path
            var records = try loopGuard.newRecords(response.data) { GraphID.text($0["id"]) }
            if anchor.windowUntil != nil {
                records = try filter.unwritten(records, edge: edge)
            }
            var reachedOld = false
            if let threshold = source.olderThan,
                let index = records.firstIndex(where: { (timestampSeconds($0) ?? .max) < threshold })
            {
                records.removeSubrange(index...)
                reachedOld = true
            }
            let now = source.context.clock.now
            var next: EdgeReader.Anchor?
            if let after = response.after {
                next = .cursor(after, until: anchor.windowUntil)
            } else if let until = response.nextUntil {
                next = .window(until: until)
            }
            let done = next == nil || reachedOld
            var skipped: [String: Int] = [:]
            position.advance(
                over: records,
                done: done,
                cursor: done ? nil : response.after,
                window: anchor.windowUntil,
                now: now,
                latestBelievable: Int64(now.timeIntervalSince1970 + EdgeStream.futureTolerance),
                skipped: &skipped
            )
            if let next, !done {
                anchor = next
            }
            return Page(
                stream: source.stream,
                account: source.context.account,
                records: records,
                position: position,
                skipped: skipped
            )
        }
    }
}

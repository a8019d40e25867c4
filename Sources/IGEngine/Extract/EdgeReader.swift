import IGCore
import IGGraph

/// A paged Graph edge (`me/media`, `me/stories`, `{media-id}/comments`) and how to ask for its pages.
struct EdgeReader: Sendable {
    let path: String
    let parameters: [(String, String)]
    let limit: Int

    /// Where a page read starts.
    enum Anchor: Sendable, Equatable {
        /// The newest records.
        case start
        /// After a cursor; `until` repeats the time window the cursor was issued in, if any.
        case cursor(String, until: Int64?)
        /// Records at or before a Unix time, newest first: the way back in when a cursor is refused.
        case window(until: Int64)

        /// The `until` of the time window the read is in, if any.
        var windowUntil: Int64? {
            switch self {
            case .start: nil
            case .cursor(_, let until): until
            case .window(let until): until
            }
        }

        /// The cursor the read is asked with, if any.
        var cursor: String? {
            if case .cursor(let cursor, _) = self { cursor } else { nil }
        }
    }

    func read(_ client: any GraphFetching, at anchor: Anchor) async throws -> EdgePage {
        switch anchor {
        case .start:
            return try await client.page(path, parameters: parameters, limit: limit, after: nil)
        case .cursor(let cursor, let until):
            let window = until.map { [("until", String($0))] } ?? []
            return try await client.page(path, parameters: parameters + window, limit: limit, after: cursor)
        case .window(let until):
            return try await client.page(
                path,
                parameters: parameters + [("until", String(until))],
                limit: limit,
                after: nil
            )
        }
    }
}

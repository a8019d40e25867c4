import IGCore
import IGGraph

/// A paged Graph edge (`me/media`, `me/stories`, `{media-id}/comments`) and how to ask for its pages.
struct EdgeReader: Sendable {
    let path: String
    let parameters: [(String, String)]
    let limit: Int

    /// Where a page read starts.
    enum Position: Sendable, Equatable {
        /// The newest records.
        case start
        /// After a cursor; `until` repeats the time window the cursor was issued in, if any.
        case cursor(String, until: Int64?)
        /// Records at or before a Unix time, newest first: the way back in when a cursor is refused.
        case window(until: Int64)
    }

    func read(_ client: any GraphFetching, at position: Position) async throws -> EdgePage {
        switch position {
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

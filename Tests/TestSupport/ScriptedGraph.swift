import Foundation
import IGCore
import IGGraph

/// A Graph client that answers from a script, with no server: each request goes to `answer`, and every request is
/// kept for the test to look at. The streams' and `igexport check`'s tests read through it.
public final class ScriptedGraph: GraphFetching, @unchecked Sendable {
    /// One request as the caller made it.
    public struct Request: Sendable {
        public var path: String
        public var parameters: [String: String]
        public var after: String?
        /// The page size asked for, for a page of an edge.
        public var limit: Int?

        /// The `metric` parameter, split.
        public var metrics: [String] {
            parameters["metric"].map { $0.split(separator: ",").map(String.init) } ?? []
        }
    }

    private let lock = NSLock()
    private var log: [Request] = []
    private let answer: @Sendable (Request) throws -> JSONObject

    /// Creates a client whose answer to each request (object or page, in the Graph JSON shape) is `answer`'s. A
    /// page's `paging.cursors.after` becomes its cursor, and a member `next_until` its time-based next link.
    public init(_ answer: @escaping @Sendable (Request) throws -> JSONObject) {
        self.answer = answer
    }

    /// The requests so far.
    public var requests: [Request] {
        lock.withLock { log }
    }

    public func object(_ path: String, parameters: [(String, String)]) async throws -> JSONObject {
        try respond(Request(path: path, parameters: Dictionary(parameters) { $1 }, after: nil, limit: nil))
    }

    public func page(_ path: String, parameters: [(String, String)], limit: Int, after: String?) async throws
        -> EdgePage
    {
        let object = try respond(
            Request(path: path, parameters: Dictionary(parameters) { $1 }, after: after, limit: limit)
        )
        return EdgePage(
            data: (object["data"]?.arrayValue ?? []).compactMap(\.objectValue),
            after: object["paging"]?.objectValue?["cursors"]?.objectValue?["after"]?.stringValue,
            nextUntil: object["next_until"]?.intValue
        )
    }

    /// The answer to `request`, without recording it.
    public func answer(to request: Request) throws -> JSONObject {
        try answer(request)
    }

    private func respond(_ request: Request) throws -> JSONObject {
        lock.withLock { log.append(request) }
        return try answer(request)
    }
}

import Foundation
import IGCore
import IGGraph
import Logging
import TestSupport

@testable import IGEngine

/// A Graph client that answers from a script, with no server: each request goes to `answer`, and every request is
/// kept for the test to look at.
final class ScriptedFetcher: GraphFetching, @unchecked Sendable {
    /// One request as the stream made it.
    struct Request: Sendable {
        var path: String
        var parameters: [String: String]
        var after: String?
    }

    private let lock = NSLock()
    private var log: [Request] = []
    private let answer: @Sendable (Request) throws -> JSONObject

    /// Creates a client whose answer to each request (object or page, in the Graph JSON shape) is `answer`'s.
    init(_ answer: @escaping @Sendable (Request) throws -> JSONObject) {
        self.answer = answer
    }

    /// The requests so far.
    var requests: [Request] {
        lock.withLock { log }
    }

    func object(_ path: String, parameters: [(String, String)]) async throws -> JSONObject {
        try respond(Request(path: path, parameters: Dictionary(parameters) { $1 }, after: nil))
    }

    func page(_ path: String, parameters: [(String, String)], limit: Int, after: String?) async throws -> EdgePage {
        let object = try respond(Request(path: path, parameters: Dictionary(parameters) { $1 }, after: after))
        let data = (object["data"]?.arrayValue ?? []).compactMap(\.objectValue)
        return EdgePage(
            data: data,
            after: object["paging"]?.objectValue?["cursors"]?.objectValue?["after"]?.stringValue,
            nextUntil: object["next_until"]?.intValue
        )
    }

    /// The answer to `request`, without recording it.
    func object(_ request: Request) throws -> JSONObject {
        try answer(request)
    }

    private func respond(_ request: Request) throws -> JSONObject {
        lock.withLock { log.append(request) }
        return try answer(request)
    }

    /// A stream context for account `me` reading through this client.
    func context(
        clock: ManualClock = ManualClock(),
        logs: LogCapture = LogCapture(),
        concurrency: Int = 2
    ) -> StreamContext {
        StreamContext(client: self, account: "me", concurrency: concurrency, clock: clock, logger: logs.logger)
    }
}

/// A Graph page: `records`, and `paging.cursors.after` when `after` is given.
func graphPage(_ records: [JSONObject], after: String? = nil) -> JSONObject {
    var page = JSONObject([("data", .array(records.map(JSONValue.object)))])
    if let after {
        page.append("paging", ["cursors": ["after": .string(after)], "next": "https://graph.example/next"])
    }
    return page
}

/// A media record with an id and an RFC 3339-ish Graph timestamp `seconds` after 2025-01-01.
func media(_ id: String, at seconds: Int64) -> JSONObject {
    JSONObject([("id", .string(id)), ("timestamp", .string(Timestamp(seconds: 1_735_689_600 + seconds).rfc3339))])
}

/// Every page of a stream.
func collect<Stream: AsyncSequence>(_ stream: Stream) async throws -> [Page] where Stream.Element == Page {
    var pages: [Page] = []
    for try await page in stream { pages.append(page) }
    return pages
}

import Foundation
import IGCore
import IGGraph

/// A Graph client that answers from a script, with no server, and keeps every request for the test to look at.
final class ScriptedGraph: GraphFetching, @unchecked Sendable {
    /// One request as the check made it.
    struct Request: Sendable {
        var path: String
        var parameters: [String: String]
        var limit: Int?

        /// The `metric` parameter, split.
        var metrics: [String] {
            parameters["metric"].map { $0.split(separator: ",").map(String.init) } ?? []
        }
    }

    private let lock = NSLock()
    private var log: [Request] = []
    private let answer: @Sendable (Request) throws -> JSONObject

    /// Creates a client whose answer to each request (in the Graph JSON shape) is `answer`'s.
    init(_ answer: @escaping @Sendable (Request) throws -> JSONObject) {
        self.answer = answer
    }

    /// The requests so far.
    var requests: [Request] {
        lock.withLock { log }
    }

    func object(_ path: String, parameters: [(String, String)]) async throws -> JSONObject {
        try respond(Request(path: path, parameters: Dictionary(parameters) { $1 }, limit: nil))
    }

    func page(_ path: String, parameters: [(String, String)], limit: Int, after: String?) async throws -> EdgePage {
        let object = try respond(Request(path: path, parameters: Dictionary(parameters) { $1 }, limit: limit))
        return EdgePage(data: (object["data"]?.arrayValue ?? []).compactMap(\.objectValue), after: nil)
    }

    private func respond(_ request: Request) throws -> JSONObject {
        lock.withLock { log.append(request) }
        return try answer(request)
    }
}

/// `{"data":[…]}`.
func graphData(_ records: [JSONObject]) -> JSONObject {
    JSONObject([("data", .array(records.map(JSONValue.object)))])
}

/// An insights answer with a lifetime value of 1 for each metric asked.
func insightsAnswer(_ request: ScriptedGraph.Request) -> JSONObject {
    graphData(request.metrics.map { ["name": .string($0), "period": "lifetime", "values": [["value": 1]]] })
}

import Foundation
import IGCore
import TestSupport

/// `{"data":[…]}`.
func graphData(_ records: [JSONObject]) -> JSONObject {
    JSONObject([("data", .array(records.map(JSONValue.object)))])
}

/// An insights answer with a lifetime value of 1 for each metric asked.
func insightsAnswer(_ request: ScriptedGraph.Request) -> JSONObject {
    graphData(request.metrics.map { ["name": .string($0), "period": "lifetime", "values": [["value": 1]]] })
}

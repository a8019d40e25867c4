import IGCore
import IGEngine
import IGGraph

/// Asks for a set of insight metrics the way a run does: when the API refuses a metric (code 100), it asks again
/// without it, found by name in the API's message, or one metric at a time when the message names none or
/// several of those asked.
struct MetricProbe: Sendable {
    /// What came of asking.
    struct Outcome: Sendable {
        /// The answer's `data` entries by metric name, for the metrics the API served.
        var answered: [String: JSONObject] = [:]
        /// The metrics the API refused, in the order met, with its words.
        var refused: [(metric: String, error: GraphError)] = []
        /// An error that is not about one metric: figures withheld for the object (`GraphError.refusal`), or a
        /// failure of the whole request.
        var error: (any Error)?
    }

    /// One insights request for the metrics given.
    let request: @Sendable ([String]) async throws -> JSONObject

    /// Asks for `metrics`, dropping each refused one, until the API answers or none is left.
    func run(_ metrics: [String]) async -> Outcome {
        var outcome = Outcome()
        var remaining = metrics
        while !remaining.isEmpty {
            do {
                outcome.read(try await request(remaining))
                return outcome
            } catch let error as GraphError where Self.refusesAMetric(error) {
                guard let named = RefusedMetrics.named(in: error.message, among: remaining) else {
                    await oneAtATime(remaining, into: &outcome)
                    return outcome
                }
                outcome.refused.append((named, error))
                remaining.removeAll { $0 == named }
            } catch {
                outcome.error = error
                return outcome
            }
        }
        return outcome
    }

    private func oneAtATime(_ metrics: [String], into outcome: inout Outcome) async {
        for metric in metrics {
            do {
                outcome.read(try await request([metric]))
            } catch let error as GraphError where Self.refusesAMetric(error) {
                outcome.refused.append((metric, error))
            } catch {
                outcome.error = error
                return
            }
        }
    }

    /// A metric the API does not serve, as `GraphError` classifies it for a run.
    static func refusesAMetric(_ error: GraphError) -> Bool {
        error.refusal == .metricNotServed
    }
}

extension MetricProbe.Outcome {
    fileprivate mutating func read(_ answer: JSONObject) {
        for entry in answer["data"]?.arrayValue ?? [] {
            guard let object = entry.objectValue, let name = object["name"]?.stringValue else { continue }
            answered[name] = object
        }
    }
}

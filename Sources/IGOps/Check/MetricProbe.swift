import IGCore
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
                let named = remaining.filter { Self.message(error.message, names: $0) }
                guard named.count == 1 else {
                    await oneAtATime(remaining, into: &outcome)
                    return outcome
                }
                outcome.refused.append((named[0], error))
                remaining.removeAll { $0 == named[0] }
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

    /// Code 100 about the request's parameters, as the API answers a metric it does not serve; not a refusal of
    /// the object's figures (2108006), nor the "unsupported get request" (subcode 33) seen under throttling.
    static func refusesAMetric(_ error: GraphError) -> Bool {
        error.code == 100 && error.category == .other && error.refusal == nil && error.subcode != 33
    }

    /// Whether `message` names `metric` as a word of its own (`shares`, not the `shares` in `reshares`).
    static func message(_ message: String, names metric: String) -> Bool {
        message.split { !($0.isLetter || $0.isNumber || $0 == "_") }.contains { $0 == metric }
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

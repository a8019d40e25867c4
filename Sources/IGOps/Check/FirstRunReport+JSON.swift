import IGCore
import IGGraph

extension FirstRunReport {
    /// The report for scripts: `exit_code`, then `streams`, each with `name`, `status`, `summary`, `refusals`
    /// (`subject`, `code`, `subcode`, `message`, `action`), `notes` and `failure` (`exit_code`, `message`, and
    /// the Graph `code` and `subcode` when the API refused), or null.
    ///
    /// - Parameter exitCode: the exit code a run gets for an error (the command line's one mapping).
    public func json(exitCode: (any Error) -> Int32) -> JSONObject {
        var object = JSONObject()
        object.append("exit_code", .int(Int64(failure.map(exitCode) ?? 0)))
        object.append("streams", .array(results.map { .object(Self.json($0, exitCode: exitCode)) }))
        return object
    }

    private static func json(_ result: CheckResult, exitCode: (any Error) -> Int32) -> JSONObject {
        var object = JSONObject()
        object.append("name", .string(result.name))
        object.append("status", .string(result.status.rawValue))
        object.append("summary", .string(result.summary))
        object.append(
            "refusals",
            .array(
                result.refusals.map { refusal in
                    var entry = JSONObject()
                    entry.append("subject", .string(refusal.subject))
                    entry.append("code", .int(Int64(refusal.error.code)))
                    entry.append("subcode", refusal.error.subcode.map { JSONValue.int(Int64($0)) } ?? .null)
                    entry.append("message", .string(refusal.error.message))
                    entry.append("action", .string(refusal.action))
                    return .object(entry)
                }
            )
        )
        object.append("notes", .array(result.notes.map(JSONValue.string)))
        guard let failure = result.failure else {
            object.append("failure", .null)
            return object
        }
        var entry = JSONObject()
        entry.append("exit_code", .int(Int64(exitCode(failure))))
        entry.append("message", .string("\(failure)"))
        if let error = failure as? GraphError, error.code != 0 {
            entry.append("code", .int(Int64(error.code)))
            entry.append("subcode", error.subcode.map { JSONValue.int(Int64($0)) } ?? .null)
        }
        object.append("failure", .object(entry))
        return object
    }
}

import IGGraph

/// Something the API refused that a run survives: what it was, the API's own words, and what the run does.
public struct CheckRefusal: Sendable, Equatable {
    /// What was refused, such as `metric shares for FEED IMAGE media` or `insights of media 1790…`.
    public var subject: String
    /// The API's answer (its message has the token scrubbed, as every `GraphError` has).
    public var error: GraphError
    /// What a run does about it, such as `the run skips it for FEED IMAGE media and counts it as skipped`.
    public var action: String

    /// Creates a refusal.
    public init(subject: String, error: GraphError, action: String) {
        self.subject = subject
        self.error = error
        self.action = action
    }

    /// The API's words with its code: `code 100: "(#100) The metric shares is not supported …"`.
    public var apiSaid: String {
        let code = error.subcode.map { "code \(error.code)/\($0)" } ?? "code \(error.code)"
        return error.code == 0 ? error.message : "\(code): \"\(error.message)\""
    }
}

/// What `igexport check` found for one stream (or, later, one other thing a run needs, such as a bucket): one
/// line of its report.
public struct CheckResult: Sendable {
    /// How a stream fared, as the report's second column says it.
    public enum Status: String, Sendable, CaseIterable {
        /// Everything asked was answered.
        case ok
        /// Answered, with some figures or objects withheld: a run records them as skipped and goes on.
        case partial
        /// The request was refused: a run either stops (see `failure`) or skips what was refused.
        case refused
        /// Not tried: an earlier refusal stops a run before it gets here, or there was nothing to try.
        case unchecked
    }

    /// The stream (`media`, `media_insights`, …) or the other thing checked.
    public var name: String
    public var status: Status
    /// What works, in one line: what was read and how much.
    public var summary: String
    /// What the API refused that a run survives, each with the API's words and what a run does about it.
    public var refusals: [CheckRefusal]
    /// Other things worth knowing before a run: fields the API left out, the 10,000-media listing cap.
    public var notes: [String]
    /// The error a run would stop with at this stream; `nil` when a run gets past it.
    public var failure: (any Error)?

    /// Creates a result.
    public init(
        name: String,
        status: Status,
        summary: String,
        refusals: [CheckRefusal] = [],
        notes: [String] = [],
        failure: (any Error)? = nil
    ) {
        self.name = name
        self.status = status
        self.summary = summary
        self.refusals = refusals
        self.notes = notes
        self.failure = failure
    }
}

/// One thing `igexport check` tries before a first run, answering with a line per stream or object it looked at.
///
/// The Graph API's streams are one such check (`GraphAPICheck`). Whatever else a run depends on (an output bucket
/// that must be writable, a state folder that must be creatable) becomes one more conforming type added to
/// `FirstRunCheck.checks`, without touching the others.
public protocol PreflightCheck: Sendable {
    /// Tries what a run would do, without writing any output, and says what works and what does not.
    func run() async -> [CheckResult]
}

/// `igexport check PIPELINE`: a first-run smoke test that tries, once each, what a run would do, and tells what
/// works, what is refused, and whether a run would succeed.
public struct FirstRunCheck: Sendable {
    /// The checks, run in turn; each adds its lines to the report.
    public var checks: [any PreflightCheck]

    /// Creates the check from its parts.
    public init(checks: [any PreflightCheck]) {
        self.checks = checks
    }

    /// Runs every check in turn.
    public func run() async -> FirstRunReport {
        var results: [CheckResult] = []
        for check in checks {
            results += await check.run()
        }
        return FirstRunReport(results: results)
    }
}

/// What `FirstRunCheck` found: a result per stream, and the error a run would stop with, if any.
public struct FirstRunReport: Sendable {
    /// The results, in the order a run meets them.
    public var results: [CheckResult]

    /// Creates a report.
    public init(results: [CheckResult]) {
        self.results = results
    }

    /// The first error a run would stop with; `nil` when a run would succeed.
    public var failure: (any Error)? {
        results.lazy.compactMap(\.failure).first
    }
}

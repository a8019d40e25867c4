extension FirstRunReport {
    /// The report as a person reads it at 3 a.m.: a line per stream (name, `ok`/`partial`/`refused`/`unchecked`,
    /// what works), below it what the API refused in its own words and what a run does about it, and a last line
    /// that says whether a run would succeed.
    ///
    /// - Parameter exitCode: the exit code a run gets for an error (the command line's one mapping).
    public func text(exitCode: (any Error) -> Int32) -> String {
        let width = max(results.map(\.name.count).max() ?? 0, 16)
        var lines: [String] = []
        for result in results {
            let name = result.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let status = result.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
            lines.append("\(name)  \(status)  \(result.summary)")
            for refusal in result.refusals {
                lines.append("    refused: \(refusal.subject): \(refusal.apiSaid)")
                lines.append("      so: \(refusal.action)")
            }
            for note in result.notes {
                lines.append("    note: \(note)")
            }
            if let failure = result.failure {
                lines.append("    stops the run (exit \(exitCode(failure))): \(failure)")
            }
        }
        if let failure {
            let stream = results.first { $0.failure != nil }?.name ?? ""
            lines.append("verdict: a run would stop at \(stream) with exit \(exitCode(failure))")
        } else {
            let skips = results.reduce(0) { $0 + $1.refusals.count }
            lines.append(
                "verdict: a run would succeed (exit 0)"
                    + (skips == 0 ? "" : ", skipping what is refused above and counting it in its summary")
            )
        }
        return lines.joined(separator: "\n")
    }
}

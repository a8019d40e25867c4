/// A run that completed and published what it read, but skipped something while `on_partial: fail` (exit 65).
public struct PartialRunError: Error, Sendable, CustomStringConvertible {
    /// The run's figures, skips included.
    public var statistics: RunStatistics

    /// Creates the error of a run with `statistics`.
    public init(statistics: RunStatistics) {
        self.statistics = statistics
    }

    public var description: String {
        let skips = StreamKind.allCases.flatMap { kind in
            (statistics.skipped[kind] ?? [:]).sorted { $0.key < $1.key }.map {
                "\(kind.rawValue)/\($0.key)=\($0.value)"
            }
        }
        return "run \(statistics.runID) published what it read but skipped \(skips.joined(separator: " ")), "
            + "and the pipeline says on_partial: fail; see the log for each refusal, or set on_partial: continue"
    }
}

import IGEngine

/// The metrics file could not be written: exit 74 when the run itself succeeded.
public struct MetricsFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "cannot write the metrics file \(path): \(message)" }
}

/// A pipeline file that cannot be used, with the place it went wrong: exit 78.
///
/// `description` reads `pipelines/demo.yaml:12:7: load[2].csv.columns: expected a list of strings`, the
/// format compilers use, so editors and terminals can jump to it.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// The pipeline file.
    public var path: String
    /// The 1-based line, or 0 when the problem concerns the whole file.
    public var line: Int
    /// The 1-based column, or 0 when unknown.
    public var column: Int
    /// The key path of the offending value, such as `load[2].csv.columns`; empty for the whole file.
    public var key: String
    /// What is wrong and what would be valid.
    public var message: String

    /// Creates an error.
    public init(path: String, line: Int, column: Int, key: String, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    public var description: String {
        let place = line > 0 ? "\(path):\(line):\(column)" : path
        return key.isEmpty ? "\(place): \(message)" : "\(place): \(key): \(message)"
    }
}

/// A secret value (an access token) that never prints itself.
///
/// `description` is always `<redacted>`, so a secret that slips into a log line, an error or `validate`'s
/// output shows nothing. `source` says where it came from (`${env:IG_ACCESS_TOKEN}`), which is safe to show.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself; read it only to put it on the wire.
    public let value: String
    /// Where the secret came from, as written in the pipeline file.
    public let source: String

    /// Wraps a secret read from `source`.
    public init(value: String, source: String) {
        self.value = value
        self.source = source
    }

    public var description: String { "<redacted>" }

    public var debugDescription: String { "Secret(<redacted>, source: \(source))" }

    public var customMirror: Mirror { Mirror(self, children: ["source": source]) }
}

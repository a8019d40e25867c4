/// A failure to create, write or publish an output file.
public struct SinkError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, which decides the exit code.
    public enum Kind: Sendable, Equatable {
        /// The output could not be created (a missing or read-only folder, or a symlink planted where a file is
        /// created): exit 73.
        case cannotCreate
        /// Writing, syncing or renaming failed (a full disk): exit 74.
        case io
        /// A partial file does not match its checkpoint (shorter than the committed offset, or the offset is
        /// not a record boundary): exit 65.
        case corrupt
        /// Another run, of this pipeline or another one, is writing the same output path: exit 75.
        case locked
    }

    public var kind: Kind
    /// The file concerned.
    public var path: String
    public var message: String
    /// The `errno` behind the failure, if any.
    public var errno: Int32?

    /// Creates an error.
    public init(_ kind: Kind, path: String, message: String, errno: Int32? = nil) {
        self.kind = kind
        self.path = path
        self.message = message
        self.errno = errno
    }

    public var description: String { "\(path): \(message)" }
}

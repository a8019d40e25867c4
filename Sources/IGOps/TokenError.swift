import IGEngine
import IGGraph

/// A token that cannot be refreshed or stored. Errors of the API itself are `GraphError`s.
public struct TokenError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, which decides the exit code.
    public enum Kind: Sendable, Equatable {
        /// The pipeline's token is not in a file igexport can write (exit 78).
        case notRefreshable
        /// The token file or its sidecar cannot be read or written (exit 74).
        case io
        /// The API refused the refresh; the exit code is the one of the `GraphError`.
        case refused(GraphError)
        /// The API answered without a token (exit 65).
        case badResponse
    }

    public var kind: Kind
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

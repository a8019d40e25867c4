/// A transfer that libcurl could not complete, or a URL that `CurlClient` refuses to fetch.
///
/// `message` names the scheme, host and path but never the query, where the access token travels.
public struct CurlError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libcurl's `CURLcode` (for example 7: could not connect, 28: timeout, 60: certificate not trusted).
    public var code: Int
    /// What happened and where, without the URL's query.
    public var message: String

    /// Whether the transfer was stopped because the decoded body grew past `http.max_body`.
    public var exceedsBodyLimit = false

    /// Creates an error.
    public init(code: Int, message: String, exceedsBodyLimit: Bool = false) {
        self.code = code
        self.message = message
        self.exceedsBodyLimit = exceedsBodyLimit
    }

    /// Whether trying again may succeed: network failures and timeouts are; a refused or malformed URL, a
    /// TLS certificate that does not verify or a setup error are not.
    public var isTransient: Bool {
        !Self.permanentCodes.contains(code)
    }

    public var description: String { "HTTP transfer failed (curl \(code)): \(message)" }

    /// CURLE_UNSUPPORTED_PROTOCOL, CURLE_FAILED_INIT, CURLE_URL_MALFORMAT, CURLE_NOT_BUILT_IN,
    /// CURLE_OUT_OF_MEMORY, CURLE_UNKNOWN_OPTION, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_CERTPROBLEM,
    /// CURLE_SSL_CIPHER, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE.
    private static let permanentCodes: Set<Int> = [1, 2, 3, 4, 27, 48, 53, 58, 59, 60, 77]
}

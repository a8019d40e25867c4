import IGCore

/// A request that `CurlClient.send` makes: any method, a body from memory or from a region of a file, and
/// optionally signed with AWS Signature Version 4 (for S3-compatible object storage).
public struct HTTPRequest: Sendable {
    /// What the request sends.
    public enum Body: Sendable {
        /// No body.
        case none
        /// Bytes held in memory (an XML document, an empty probe object).
        case bytes([UInt8])
        /// `length` bytes of the open file `descriptor` from `offset`, read as they are sent, so that a large
        /// object is never held in memory.
        case file(descriptor: Int32, offset: UInt64, length: UInt64)

        /// The number of bytes sent.
        public var length: UInt64 {
            switch self {
            case .none: 0
            case .bytes(let bytes): UInt64(bytes.count)
            case .file(_, _, let length): length
            }
        }
    }

    /// The credentials and scope that libcurl signs the request with (CURLOPT_AWS_SIGV4).
    public struct Signing: Sendable {
        /// The provider string, such as `aws:amz:eu-west-1:s3`.
        public var provider: String
        /// The access key id.
        public var accessKey: Secret
        /// The secret access key.
        public var secretKey: Secret

        /// Creates signing settings for `service` in `region`.
        public init(region: String, service: String, accessKey: Secret, secretKey: Secret) {
            provider = "aws:amz:\(region):\(service)"
            self.accessKey = accessKey
            self.secretKey = secretKey
        }
    }

    /// `GET`, `PUT`, `POST` or `DELETE`.
    public var method: String
    /// The absolute URL.
    public var url: String
    /// Request headers, signed along with the request when `signing` is set.
    public var headers: [(String, String)]
    public var body: Body
    public var signing: Signing?

    /// Creates a request.
    public init(
        method: String,
        url: String,
        headers: [(String, String)] = [],
        body: Body = .none,
        signing: Signing? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.signing = signing
    }
}

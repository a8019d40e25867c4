/// One HTTP response, read whole: the status, the headers and the (decompressed) body.
public struct HTTPResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The headers of the final response (those of interim `1xx` responses are dropped).
    public var headers: HTTPHeaders
    /// The body, decompressed when the server used a content encoding.
    public var body: [UInt8]
    /// Whether the request went over a connection kept alive from an earlier request.
    public var reusedConnection: Bool

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders, body: [UInt8], reusedConnection: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.reusedConnection = reusedConnection
    }
}

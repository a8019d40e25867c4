import IGCore

/// A successful Graph API response: the parsed body and the usage the headers reported.
public struct GraphResponse: Sendable {
    /// The parsed body.
    public var value: JSONValue
    /// The rate-limit usage from the headers.
    public var usage: RateLimitUsage
    /// The HTTP status.
    public var status: Int

    /// Creates a response.
    public init(value: JSONValue, usage: RateLimitUsage, status: Int) {
        self.value = value
        self.usage = usage
        self.status = status
    }
}

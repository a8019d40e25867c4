import IGCore
import IGGraph

/// Where and how `s3://` outputs are published: the `storage:` section of a pipeline, completed from the AWS
/// environment variables.
public struct StorageConfig: Sendable {
    /// How a bucket is named in a request's URL.
    public enum Addressing: String, Sendable, Equatable, CaseIterable {
        /// `https://endpoint/BUCKET/KEY`: MinIO, moto, IP-literal and localhost endpoints.
        case path
        /// `https://BUCKET.endpoint/KEY`: what AWS recommends.
        case virtual
    }

    /// The service's base URL, such as `https://s3.eu-west-1.amazonaws.com` or `https://storage.googleapis.com`.
    public var endpoint: String
    /// The region requests are signed for (`auto` or `us-east-1` for most other providers).
    public var region: String
    public var addressing: Addressing
    public var credentials: StorageCredentials
    /// Objects larger than this many bytes are sent as a multipart upload.
    public var multipartThreshold = StorageConfig.defaultMultipartThreshold
    /// The size of each part of a multipart upload (the last one may be smaller).
    public var partSize = StorageConfig.defaultPartSize
    /// The local folder where objects are staged, one folder per bucket: `<staging>/BUCKET/KEY`.
    public var stagingRoot: String

    /// 64 MiB.
    public static let defaultMultipartThreshold = 64 << 20
    /// 16 MiB.
    public static let defaultPartSize = 16 << 20
    /// S3's smallest part (but the last).
    public static let minimumPartSize = 5 << 20

    /// Creates the settings.
    public init(
        endpoint: String,
        region: String,
        addressing: Addressing,
        credentials: StorageCredentials,
        stagingRoot: String
    ) {
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        self.region = region
        self.addressing = addressing
        self.credentials = credentials
        self.stagingRoot = stagingRoot
    }

    /// The addressing a provider at `endpoint` takes when the pipeline does not say: path-style for an IP
    /// literal or a loopback host (no DNS name per bucket there), virtual-hosted otherwise.
    public static func defaultAddressing(for endpoint: String) -> Addressing {
        guard let parts = URLParts(endpoint) else { return .virtual }
        let isIPv4 = parts.host.split(separator: ".").count == 4 && parts.host.allSatisfy { $0.isNumber || $0 == "." }
        return parts.isLoopback || isIPv4 || parts.host.contains(":") ? .path : .virtual
    }

    /// AWS's endpoint for `region`.
    public static func awsEndpoint(region: String) -> String {
        "https://s3.\(region).amazonaws.com"
    }
}

import Foundation
import IGCore
import IGGraph
import IGStorage

extension ConfigDecoder {
    /// The local path an output path stands for: itself, or for `s3://BUCKET/KEY-TEMPLATE` the file staged as
    /// `STAGING/BUCKET/KEY-TEMPLATE`, written like any output and uploaded when the run publishes.
    func stagedPath(_ path: String, at node: ConfigNode, staging: String) throws(ConfigError) -> String {
        guard path.lowercased().hasPrefix("s3://") else { return path }
        let rest = path.dropFirst(5)
        guard let slash = rest.firstIndex(of: "/") else {
            throw node.error("expected s3://BUCKET/KEY, with a key after the bucket")
        }
        let bucket = String(rest[..<slash])
        let key = rest[rest.index(after: slash)...]
        guard ObjectLocation.isValidBucket(bucket) else {
            throw node.error(
                "'\(bucket)' is not a bucket name: 3 to 63 lower-case letters, digits, '-' and '.'"
            )
        }
        guard !key.isEmpty, !key.hasPrefix("/"), !key.split(separator: "/").contains(where: { $0 == ".." || $0 == "." })
        else {
            throw node.error("the key after s3://\(bucket)/ must be a relative path without '.' or '..' parts")
        }
        return PathName.join(PathName.join(staging, bucket), String(key))
    }

    /// The `storage:` section, completed from the AWS environment variables; `node` is `nil` when the pipeline
    /// has none. `at` is where an error points when the section is missing.
    func storage(_ node: ConfigNode?, staging: String, at fallback: ConfigNode) throws(ConfigError) -> StorageConfig {
        let keys =
            try node?.mapping(allowed: [
                "endpoint", "region", "addressing", "access_key", "secret_key", "session_token",
                "multipart_threshold", "part_size",
            ]) ?? [:]
        let place = node ?? fallback
        let region =
            try keys["region"]?.nonEmptyString() ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"]
            ?? "us-east-1"
        let endpointNode = keys["endpoint"] ?? place
        var endpoint =
            try keys["endpoint"]?.nonEmptyString() ?? environment["AWS_ENDPOINT_URL_S3"]
            ?? environment["AWS_ENDPOINT_URL"] ?? StorageConfig.awsEndpoint(region: region)
        if endpoint.hasSuffix("/") { endpoint.removeLast() }
        guard let parts = URLParts(endpoint), parts.query == nil, ["http", "https"].contains(parts.scheme) else {
            throw endpointNode.error("the storage endpoint '\(endpoint)' is not an http(s) base URL")
        }
        if parts.scheme == "http", !parts.isLoopback {
            throw endpointNode.error("plain http:// is allowed only to loopback; use https:// for \(parts.host)")
        }
        var credentials: StorageCredentials
        switch (keys["access_key"], keys["secret_key"]) {
        case (let access?, let secret?):
            credentials = StorageCredentials(accessKey: try self.secret(access), secretKey: try self.secret(secret))
        case (nil, nil):
            let found = StorageCredentials.fromEnvironment(environment) {
                try? String(contentsOfFile: $0, encoding: .utf8)
            }
            guard let found else {
                throw place.error(
                    "no storage credentials for s3:// outputs: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                        + "AWS_PROFILE, or storage: {access_key: ${env:…}, secret_key: ${file:…}}"
                )
            }
            credentials = found
        case (let one?, nil), (nil, let one?):
            throw one.error("give both storage.access_key and storage.secret_key, or neither")
        }
        if let token = keys["session_token"] { credentials.sessionToken = try secret(token) }
        var storage = StorageConfig(
            endpoint: endpoint,
            region: region,
            addressing: try keys["addressing"]?.oneOf(StorageConfig.Addressing.self)
                ?? StorageConfig.defaultAddressing(for: endpoint),
            credentials: credentials,
            stagingRoot: staging
        )
        if let value = keys["multipart_threshold"] { storage.multipartThreshold = try byteSize(value) }
        if let value = keys["part_size"] { storage.partSize = try byteSize(value) }
        return storage
    }

    /// A size in bytes: a whole number, or one with `KiB`, `MiB` or `GiB` (`16MiB`).
    private func byteSize(_ node: ConfigNode) throws(ConfigError) -> Int {
        let text = try node.nonEmptyString().replacingOccurrences(of: " ", with: "")
        let units = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("", 1)]
        for (unit, factor) in units where text.hasSuffix(unit) {
            if let number = Int(text.dropLast(unit.count)), number > 0, number <= (1 << 40) / factor {
                return number * factor
            }
            break
        }
        throw node.error("expected a size in bytes such as 16777216 or 16MiB")
    }
}

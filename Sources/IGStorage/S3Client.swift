import Foundation
import IGCore
import IGGraph

/// The S3 API calls that publishing needs, over libcurl: libcurl signs each request (Signature Version 4,
/// CURLOPT_AWS_SIGV4) and every request carries its payload's SHA-256 (`x-amz-content-sha256`), and every
/// object or part its `Content-MD5`, so the service refuses a body damaged on the way.
///
/// Transient failures (5xx, `SlowDown`, resets, timeouts) are retried with the API's backoff, on the injected
/// clock; anything else is classified at once (`StorageError`).
public struct S3Client: Sendable {
    public let config: StorageConfig
    private let http: CurlClient
    private let retry: RetryPolicy
    private let clock: any RunClock

    /// SHA-256 of nothing, the payload hash of a request without body.
    static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Creates a client.
    public init(config: StorageConfig, http: CurlClient, retry: RetryPolicy, clock: any RunClock) {
        self.config = config
        self.http = http
        self.retry = retry
        self.clock = clock
    }

    /// The client of `config`'s bucket, on `http`'s settings but for its time limit: an object or a part of up to
    /// 64 MiB may take minutes on a slow uplink, so a transfer gets an hour, stalls being caught by the
    /// low-speed limit (`http.timeout` is meant for API calls).
    public init(config: StorageConfig, http: HTTPConfig, version: String, clock: any RunClock) throws(CurlError) {
        var configuration = CurlClient.Configuration(version: version, http: http)
        configuration.timeout = .seconds(3_600)
        configuration.lowSpeedTime = .seconds(30)
        self.init(
            config: config,
            http: try CurlClient(configuration: configuration),
            retry: RetryPolicy(http.retry),
            clock: clock
        )
    }

    /// The digest of a body: hex SHA-256 for the signature, base64 MD5 for `Content-MD5`.
    public struct Digest: Sendable, Equatable {
        public var sha256: String
        public var md5: String

        /// The digest of `bytes`.
        public init(of bytes: [UInt8]) {
            var sha = SHA256()
            var md5 = MD5()
            sha.update(bytes)
            md5.update(bytes)
            self.init(sha256: sha.hexDigest(), md5: Data(md5.digest()).base64EncodedString())
        }

        /// Creates a digest from its parts.
        public init(sha256: String, md5: String) {
            self.sha256 = sha256
            self.md5 = md5
        }
    }

    /// PutObject: stores `body` (with its `digest`) as `location`.
    public func put(_ location: ObjectLocation, body: HTTPRequest.Body, digest: Digest) async throws(StorageError) {
        _ = try await perform("PUT", location, body: body, digest: digest, operation: "upload of")
    }

    /// DeleteObject.
    public func delete(_ location: ObjectLocation) async throws(StorageError) {
        _ = try await perform("DELETE", location, operation: "delete of")
    }

    /// CreateMultipartUpload: returns the new upload's id.
    public func createMultipartUpload(_ location: ObjectLocation) async throws(StorageError) -> String {
        let response = try await perform(
            "POST",
            location,
            query: "uploads=",
            body: .bytes([]),
            operation: "multipart upload of"
        )
        let text = String(decoding: response.body, as: UTF8.self)
        guard let id = StorageError.element("UploadId", in: text), !id.isEmpty else {
            throw StorageError(.refused, message: "multipart upload of \(location): the answer has no UploadId")
        }
        return id
    }

    /// UploadPart: sends part `number` (from 1) and returns its ETag.
    public func uploadPart(
        _ location: ObjectLocation,
        uploadID: String,
        number: Int,
        body: HTTPRequest.Body,
        digest: Digest
    ) async throws(StorageError) -> String {
        let response = try await perform(
            "PUT",
            location,
            query: "partNumber=\(number)&uploadId=\(ObjectLocation.encode(uploadID))",
            body: body,
            digest: digest,
            operation: "part \(number) of"
        )
        guard let etag = response.headers["etag"], !etag.isEmpty else {
            throw StorageError(.refused, message: "part \(number) of \(location): the answer has no ETag")
        }
        return etag
    }

    /// CompleteMultipartUpload with `parts` (number and ETag, in order).
    public func completeMultipartUpload(
        _ location: ObjectLocation,
        uploadID: String,
        parts: [(number: Int, etag: String)]
    ) async throws(StorageError) {
        var xml = "<CompleteMultipartUpload>"
        for part in parts {
            let etag = part.etag.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
                of: "<",
                with: "&lt;"
            )
            xml += "<Part><PartNumber>\(part.number)</PartNumber><ETag>\(etag)</ETag></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        let body = Array(xml.utf8)
        let response = try await perform(
            "POST",
            location,
            query: "uploadId=\(ObjectLocation.encode(uploadID))",
            headers: [("Content-Type", "application/xml")],
            body: .bytes(body),
            digest: Digest(of: body),
            operation: "completing the upload of"
        )
        // S3 may answer 200 and still report an error in the body, once the whole object is assembled.
        if StorageError.element("Code", in: String(decoding: response.body, as: UTF8.self)) != nil {
            throw StorageError.response(
                status: response.status,
                body: response.body,
                operation: "completing the upload of",
                location: location,
                credentials: config.credentials
            )
        }
    }

    /// ListMultipartUploads for exactly `location`'s key: the ids of the uploads begun for it and not yet completed
    /// or aborted.
    public func multipartUploads(of location: ObjectLocation) async throws(StorageError) -> [String] {
        let bucket = ObjectLocation(bucket: location.bucket, key: "")
        let response = try await perform(
            "GET",
            bucket,
            query: "prefix=\(ObjectLocation.encode(location.key))&uploads=",
            operation: "listing the unfinished uploads of"
        )
        let text = String(decoding: response.body, as: UTF8.self)
        return text.split(separator: "<Upload>").dropFirst().compactMap { upload in
            let entry = String(upload)
            guard let key = StorageError.element("Key", in: entry), Self.unescaped(key) == location.key else {
                return nil
            }
            return StorageError.element("UploadId", in: entry).map(Self.unescaped)
        }
    }

    /// `text` with XML's five predefined entities replaced by their characters.
    private static func unescaped(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// AbortMultipartUpload of an upload igexport began.
    public func abortMultipartUpload(_ location: ObjectLocation, uploadID: String) async throws(StorageError) {
        _ = try await perform(
            "DELETE",
            location,
            query: "uploadId=\(ObjectLocation.encode(uploadID))",
            operation: "aborting the upload of"
        )
    }

    private func perform(
        _ method: String,
        _ location: ObjectLocation,
        query: String = "",
        headers: [(String, String)] = [],
        body: HTTPRequest.Body = .none,
        digest: Digest? = nil,
        operation: String
    ) async throws(StorageError) -> HTTPResponse {
        var all = headers
        all.append(("x-amz-content-sha256", digest?.sha256 ?? Self.emptySHA256))
        if let digest, body.length > 0 || method == "PUT" { all.append(("Content-MD5", digest.md5)) }
        if let token = config.credentials.sessionToken { all.append(("x-amz-security-token", token.value)) }
        let request = HTTPRequest(
            method: method,
            url: location.url(endpoint: config.endpoint, addressing: config.addressing, query: query),
            headers: all,
            body: body,
            signing: HTTPRequest.Signing(
                region: config.region,
                service: "s3",
                accessKey: config.credentials.accessKey,
                secretKey: config.credentials.secretKey
            )
        )
        var generator = SystemRandomNumberGenerator()
        var attempt = 1
        while true {
            let failure: StorageError
            do {
                let response = try await http.send(request)
                if (200..<300).contains(response.status) { return response }
                failure = StorageError.response(
                    status: response.status,
                    body: response.body,
                    operation: operation,
                    location: location,
                    credentials: config.credentials
                )
            } catch {
                let kind: StorageError.Kind = error.isTransient ? .unavailable : .refused
                failure = StorageError(kind, message: "\(operation) \(location) failed: \(error.message)")
            }
            guard failure.isTransient, attempt < retry.maxAttempts, !Task.isCancelled else {
                if failure.isTransient {
                    throw StorageError(
                        .unavailable,
                        code: failure.code,
                        message: failure.message + " (after \(attempt) attempts)"
                    )
                }
                throw failure
            }
            await clock.sleep(for: retry.backoff.delay(forRetry: attempt - 1, using: &generator))
            attempt += 1
        }
    }
}

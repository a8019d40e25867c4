import IGCore
import IGGraph

/// A request to object storage that failed, classified once, here, by the S3 error `Code` (never by message
/// text); `ExitStatus` maps the kind to an exit code.
///
/// The message names the bucket and the key, never a credential: a server's own message is kept (it may echo
/// the access key id, which is not secret) but scrubbed of the secret key and session token.
public struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The credentials are wrong, expired, or may not write the bucket (exit 77).
        case auth
        /// The bucket does not exist (exit 73).
        case noSuchBucket
        /// The service kept failing (5xx, SlowDown, resets) after every retry (exit 69).
        case unavailable
        /// A multipart upload that igexport began is gone (expired or aborted); it is started again.
        case noSuchUpload
        /// The service refused the request for another reason (exit 69).
        case refused
        /// A staged file or the upload ledger could not be read or written (exit 74).
        case io
    }

    public var kind: Kind
    /// The S3 error code (`AccessDenied`), or empty when there was no S3 answer.
    public var code: String
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, code: String = "", message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// Whether trying the same request again may succeed.
    var isTransient: Bool { kind == .unavailable }

    /// The kind of an S3 answer with HTTP `status` and error `code`.
    public static func kind(status: Int, code: String) -> Kind {
        switch code {
        case "SignatureDoesNotMatch", "InvalidAccessKeyId", "AccessDenied", "ExpiredToken", "InvalidToken",
            "TokenRefreshRequired", "InvalidSecurity", "AllAccessDisabled", "AccountProblem":
            return .auth
        case "NoSuchBucket": return .noSuchBucket
        case "NoSuchUpload": return .noSuchUpload
        case "SlowDown", "InternalError", "ServiceUnavailable", "RequestTimeout", "RequestTimeTooSkewed",
            "OperationAborted", "Throttling", "ThrottlingException":
            return .unavailable
        default:
            if status >= 500 || status == 429 { return .unavailable }
            if status == 401 || status == 403 { return .auth }
            return .refused
        }
    }

    /// The error an S3 answer stands for: its `Code` and `Message` from the XML body, classified.
    static func response(
        status: Int,
        body: [UInt8],
        operation: String,
        location: ObjectLocation,
        credentials: StorageCredentials
    ) -> StorageError {
        let text = String(decoding: body.prefix(8192), as: UTF8.self)
        let code = element("Code", in: text) ?? ""
        let kind = kind(status: status, code: code)
        var detail = element("Message", in: text) ?? ""
        for secret in [credentials.secretKey, credentials.sessionToken].compactMap(\.self) where !secret.value.isEmpty {
            detail = detail.replacing(secret.value, with: "<redacted>")
        }
        let name = code.isEmpty ? "HTTP \(status)" : "\(code) (HTTP \(status))"
        var message = "\(operation) \(location) failed: \(name)"
        if !detail.isEmpty { message += ": \(detail.terminalSafe)" }
        switch kind {
        case .auth:
            message +=
                "; check the storage credentials (access key \(credentials.accessKey.source), secret "
                + "\(credentials.secretKey.source)) and that they may write to bucket \(location.bucket)"
        case .noSuchBucket:
            message += "; bucket \(location.bucket) does not exist: create it, or fix the path"
        default:
            break
        }
        return StorageError(kind, code: code, message: message)
    }

    /// The text of the first `<name>` element of `xml`, or `nil`.
    static func element(_ name: String, in xml: String) -> String? {
        guard let open = xml.firstRange(of: "<\(name)>"),
            let close = xml[open.upperBound...].firstRange(of: "</\(name)>")
        else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
    }
}

import IGCore
import IGGraph

/// One object: its bucket and key, and the staged local file it is uploaded from.
public struct ObjectLocation: Sendable, Hashable, CustomStringConvertible {
    public var bucket: String
    public var key: String

    /// Creates a location.
    public init(bucket: String, key: String) {
        self.bucket = bucket
        self.key = key
    }

    /// The object a file staged at `path` stands for, when `path` lies under `root` (as `root/BUCKET/KEY`);
    /// `nil` for a local output.
    public init?(stagingPath path: String, root: String) {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard path.hasPrefix(prefix) else { return nil }
        let rest = path.dropFirst(prefix.count)
        guard let slash = rest.firstIndex(of: "/"), slash != rest.startIndex else { return nil }
        bucket = String(rest[..<slash])
        key = String(rest[rest.index(after: slash)...])
        guard !key.isEmpty else { return nil }
    }

    /// The staged local file of this object under `root`.
    public func stagingPath(root: String) -> String {
        PathName.join(PathName.join(root, bucket), key)
    }

    /// `s3://BUCKET/KEY`.
    public var description: String { "s3://\(bucket)/\(key)" }

    /// The request URL of this object at `endpoint`, with `query` (already in S3's sorted canonical order).
    public func url(endpoint: String, addressing: StorageConfig.Addressing, query: String = "") -> String {
        let encodedKey = key.split(separator: "/", omittingEmptySubsequences: false)
            .map { ObjectLocation.encode(String($0)) }
            .joined(separator: "/")
        let path = key.isEmpty ? "" : "/" + encodedKey
        let suffix = query.isEmpty ? "" : "?" + query
        switch addressing {
        case .path:
            return "\(endpoint)/\(bucket)\(path.isEmpty ? "/" : path)\(suffix)"
        case .virtual:
            guard let schemeEnd = endpoint.firstRange(of: "://") else { return endpoint }
            let scheme = endpoint[..<schemeEnd.upperBound]
            let rest = endpoint[schemeEnd.upperBound...]
            return "\(scheme)\(bucket).\(rest)\(path.isEmpty ? "/" : path)\(suffix)"
        }
    }

    /// `text` percent-encoded as Signature Version 4 expects: every byte but the unreserved `A-Z a-z 0-9 - . _ ~`.
    public static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }

    /// Whether `name` is a valid bucket name: 3 to 63 lower-case letters, digits, `-` and `.`, starting and
    /// ending with a letter or digit.
    public static func isValidBucket(_ name: String) -> Bool {
        guard (3...63).contains(name.count), let first = name.first, let last = name.last else { return false }
        let allowed = name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
        return allowed && (first.isLowercase || first.isNumber) && (last.isLowercase || last.isNumber)
    }
}

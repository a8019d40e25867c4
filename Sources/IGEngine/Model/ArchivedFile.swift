import IGCore

/// One file of the media archive, as a line of its manifest says: which media and kind it is, where it is
/// (relative to the archive root), and what it holds.
public struct ArchivedFile: Sendable, Equatable {
    /// The media's own file, or a video's poster image.
    public enum Kind: String, Sendable {
        case media
        case thumbnail
    }

    public var mediaID: String
    /// The carousel a child belongs to.
    public var parentID: String?
    public var kind: Kind
    /// The path relative to the archive root.
    public var path: String
    public var bytes: UInt64
    public var sha256: String
    public var contentType: String
    /// The post's timestamp, as the API gave it.
    public var timestamp: String

    /// Creates an entry.
    public init(
        mediaID: String,
        parentID: String?,
        kind: Kind,
        path: String,
        bytes: UInt64,
        sha256: String,
        contentType: String,
        timestamp: String
    ) {
        self.mediaID = mediaID
        self.parentID = parentID
        self.kind = kind
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
        self.contentType = contentType
        self.timestamp = timestamp
    }

    /// What the archive knows a file by: one file per media and kind.
    public var key: String { "\(mediaID)/\(kind.rawValue)" }

    /// The manifest line, newline included.
    public func encodeLine(into buffer: inout [UInt8]) {
        var object = JSONObject()
        object.append("media_id", .string(mediaID))
        object.append("parent_id", parentID.map(JSONValue.string) ?? .null)
        object.append("kind", .string(kind.rawValue))
        object.append("path", .string(path))
        object.append("bytes", .int(Int64(bytes)))
        object.append("sha256", .string(sha256))
        object.append("content_type", .string(contentType))
        object.append("timestamp", .string(timestamp))
        JSONValue.object(object).encodeJSON(into: &buffer)
        buffer.append(UInt8(ascii: "\n"))
    }

    /// The entry of a manifest line, or nil for a line that is not one (a manifest edited by hand).
    public init?(line: some Collection<UInt8>) {
        guard let value = try? JSONParser.parse(Array(line)), let object = value.objectValue,
            let mediaID = object["media_id"]?.stringValue, let kindText = object["kind"]?.stringValue,
            let kind = Kind(rawValue: kindText), let path = object["path"]?.stringValue,
            let bytes = object["bytes"]?.intValue, bytes >= 0, let sha256 = object["sha256"]?.stringValue
        else { return nil }
        self.init(
            mediaID: mediaID,
            parentID: object["parent_id"]?.stringValue,
            kind: kind,
            path: path,
            bytes: UInt64(bytes),
            sha256: sha256,
            contentType: object["content_type"]?.stringValue ?? "application/octet-stream",
            timestamp: object["timestamp"]?.stringValue ?? ""
        )
    }

    /// Every entry of a manifest's bytes, in order; a line that does not parse is left out.
    public static func entries(in bytes: [UInt8]) -> [ArchivedFile] {
        bytes.split(separator: UInt8(ascii: "\n")).compactMap { ArchivedFile(line: $0) }
    }
}

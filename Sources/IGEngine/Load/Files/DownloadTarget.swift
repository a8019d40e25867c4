import IGCore

/// One file the archive should hold: a media's own file or its thumbnail, of a post or a carousel child.
struct DownloadTarget: Sendable {
    var mediaID: String
    var parentID: String?
    /// The child's place in its carousel, from 1.
    var index: Int?
    var kind: ArchivedFile.Kind
    /// The CDN URL the record gave; nil when the API withheld it (copyrighted audio).
    var url: String?
    /// The post's timestamp as the API gave it (a child's is its parent's when it has none).
    var timestamp: String
    var stream: StreamKind

    var key: String { "\(mediaID)/\(kind.rawValue)" }

    /// Whether `text` is safe as a Graph id in a file name: digits only, as every Instagram id is.
    static func isSafeID(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}

import IGCore

/// One image or video of a feed item: the media itself, or a carousel child.
///
/// When the `files` writer archived the media and published it under a `base_url`, the record (or the
/// carousel child) carries a `files` array, `[{kind, path, public_url, bytes, content_type}]` with `kind`
/// `media` or `thumbnail`; its `public_url`, `bytes` and `content_type` are used instead of the CDN URL,
/// which expires, and the guessed type. Without it the CDN URL is used and the size is unknown.
struct FeedMedia: Sendable, Equatable {
    var url: String?
    var isVideo: Bool
    /// A video's poster image.
    var thumbnail: String?
    var altText: String?
    /// The size in bytes, known only for an archived file.
    var bytes: Int64?
    var contentType: String

    init(_ record: Record) {
        isVideo = record["media_type"]?.stringValue?.uppercased() == "VIDEO"
        url = FeedMedia.webURL(record["media_url"])
        thumbnail = FeedMedia.webURL(record["thumbnail_url"])
        altText = record["alt_text"]?.stringValue.map(FeedText.sanitize)
        contentType = isVideo ? "video/mp4" : "image/jpeg"
        for file in record["files"]?.arrayValue ?? [] {
            guard let file = file.objectValue, let publicURL = FeedMedia.webURL(file["public_url"]) else { continue }
            switch file["kind"]?.stringValue {
            case "media":
                url = publicURL
                bytes = file["bytes"]?.intValue.flatMap { $0 >= 0 ? $0 : nil }
                if let type = file["content_type"]?.stringValue, type.contains("/"), !type.contains(" ") {
                    contentType = type
                }
            case "thumbnail":
                thumbnail = publicURL
            default:
                continue
            }
        }
    }

    /// `image` or `video`, for Media RSS.
    var medium: String { isVideo ? "video" : "image" }
    /// The picture HTML shows: the image, or a video's poster.
    var picture: String? { isVideo ? thumbnail : url }

    /// An `http(s)` URL, or `nil`: a `javascript:` or relative URL must not reach a reader's HTML.
    private static func webURL(_ value: JSONValue?) -> String? {
        guard let text = value?.stringValue, text.hasPrefix("https://") || text.hasPrefix("http://") else {
            return nil
        }
        return text
    }
}

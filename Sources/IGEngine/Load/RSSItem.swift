import IGCore
import IGGraph

/// One media record as an RSS `item`; `RSSSink` documents the shape.
struct RSSItem {
    /// One image or video of the item: the media itself, or a carousel child.
    private struct Media {
        var url: String?
        var isVideo: Bool
        var thumbnail: String?
        var altText: String?

        init(_ record: Record) {
            url = record["media_url"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            isVideo = record["media_type"]?.stringValue?.uppercased() == "VIDEO"
            thumbnail = record["thumbnail_url"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            altText = record["alt_text"]?.stringValue
        }

        var medium: String { isVideo ? "video" : "image" }
        var mimeType: String { isVideo ? "video/mp4" : "image/jpeg" }
        /// What the HTML shows: the image, or a video's thumbnail.
        var picture: String? { isVideo ? thumbnail : url }
    }

    private static let titleLength = 100

    var record: Record
    var fallbackUsername: String
    var channelLink: String

    func write(to writer: XMLWriter) {
        let caption = record["caption"]?.stringValue ?? ""
        let username = record["username"]?.stringValue ?? fallbackUsername
        let isCarousel = record["media_type"]?.stringValue?.uppercased() == "CAROUSEL_ALBUM"
        let media =
            isCarousel
            ? (record["children"]?.arrayValue ?? []).compactMap { $0.objectValue.map(Media.init) }
            : [Media(record)]

        writer.startElement("item")
        writer.element("title", title(caption: caption, username: username))
        if let permalink = record["permalink"]?.stringValue, !permalink.isEmpty {
            writer.element("link", permalink)
            writer.startElement("guid")
            writer.attribute("isPermaLink", "true")
            writer.text(permalink)
            writer.endElement()
        } else {
            writer.element("link", channelLink)
            if let id = record["id"]?.stringValue ?? record["id"]?.intValue.map(String.init) {
                writer.startElement("guid")
                writer.attribute("isPermaLink", "false")
                writer.text("ig-media:\(id)")
                writer.endElement()
            }
        }
        if let timestamp = record["timestamp"]?.stringValue.flatMap(Timestamp.init(parsing:)) {
            writer.element("pubDate", timestamp.rfc822)
        }
        if !caption.isEmpty {
            writer.element("description", caption)
        }
        writer.startElement(prefix: "content", "encoded")
        writer.text(html(caption: caption, media: media))
        writer.endElement()
        if let first = media.first(where: { $0.url != nil }), let url = first.url {
            writer.startElement("enclosure")
            writer.attribute("url", url)
            writer.attribute("length", "0")
            writer.attribute("type", first.mimeType)
            writer.endElement()
        }
        for item in media {
            guard let url = item.url else { continue }
            writer.startElement(prefix: "media", "content")
            writer.attribute("url", url)
            writer.attribute("medium", item.medium)
            writer.attribute("type", item.mimeType)
            if isCarousel, item.isVideo, let thumbnail = item.thumbnail {
                writeThumbnail(thumbnail, to: writer)
            }
            writer.endElement()
        }
        if !isCarousel, let only = media.first, only.isVideo, let thumbnail = only.thumbnail {
            writeThumbnail(thumbnail, to: writer)
        }
        for tag in hashtags(caption: caption) {
            writer.element("category", tag)
        }
        writer.endElement()
    }

    private func writeThumbnail(_ url: String, to writer: XMLWriter) {
        writer.startElement(prefix: "media", "thumbnail")
        writer.attribute("url", url)
        writer.endElement()
    }

    /// The caption's first non-blank line, cut to 100 grapheme clusters, or "Photo by @USERNAME".
    func title(caption: String, username: String) -> String {
        let line = caption.split(whereSeparator: \.isNewline).lazy
            .map { $0.trimmingWhitespace() }
            .first { !$0.isEmpty }
        guard let line else { return "Photo by @\(username)" }
        return Truncation(field: "title", maxLength: RSSItem.titleLength).apply(to: String(line))
    }

    /// The hashtags of the `hashtags` field when a transform step filled it, else of the caption.
    private func hashtags(caption: String) -> [String] {
        if let tags = record["hashtags"]?.arrayValue {
            return tags.compactMap(\.stringValue)
        }
        return TagExtractor.hashtags(in: caption)
    }

    /// The caption as an HTML paragraph (line breaks kept), then the pictures.
    private func html(caption: String, media: [Media]) -> String {
        var html = ""
        if !caption.isEmpty {
            html += "<p>"
            html += RSSItem.escapeHTML(caption).split(separator: "\n", omittingEmptySubsequences: false)
                .joined(separator: "<br/>\n")
            html += "</p>"
        }
        for item in media {
            guard let picture = item.picture else { continue }
            let alt = RSSItem.escapeHTML(item.altText ?? "")
            html += "\n<p><img src=\"\(RSSItem.escapeHTML(picture))\" alt=\"\(alt)\"/></p>"
        }
        return html
    }

    private static func escapeHTML(_ text: String) -> String {
        guard text.utf8.contains(where: { [0x26, 0x3C, 0x3E, 0x22, 0x27].contains($0) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return self[first...last]
    }
}

import IGCore

/// JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
///
/// The top-level object has `version`, `title`, `home_page_url`, `feed_url` (`self_link`), `description`,
/// `icon` and `authors`, then `items`, one per line (the comma that separates two items starts the second's
/// line, so every committed page ends with a newline, as a resumed file must). Each item has `id`, `url`, `title`, `content_html` (the
/// same HTML as RSS `content:encoded`), `image` (the first picture), `date_published` (RFC 3339), `authors`,
/// `tags`, and an `attachment` per image, video and carousel child with `url`, `mime_type` and, when the file
/// was archived, `size_in_bytes` (JSON Feed has no convention for an unknown size, so it is left out).
struct JSONFeedWriter: FeedWriter {
    var end: String { "]}\n" }

    func start(_ channel: FeedChannel, to file: OutputFile) throws(SinkError) {
        var feed = JSONObject()
        feed.append("version", "https://jsonfeed.org/version/1.1")
        feed.append("title", .string(channel.title))
        feed.append("home_page_url", .string(channel.link))
        if let selfLink = channel.selfLink { feed.append("feed_url", .string(selfLink)) }
        feed.append("description", .string(channel.description))
        if let picture = channel.picture { feed.append("icon", .string(picture)) }
        feed.append("authors", [author(channel.username)])
        var bytes: [UInt8] = []
        JSONValue.object(feed).encodeJSON(into: &bytes)
        // The items array stays open so that items are appended page by page; `end` closes it.
        bytes.removeLast()
        bytes.append(contentsOf: ",\"items\":[\n".utf8)
        try file.write(bytes)
    }

    /// Items are the lines that start with `{"id":` or `,{"id":`: JSON strings hold no raw newline.
    func entries(in bytes: [UInt8]) -> [FeedEntry] {
        let marker = Array("{\"id\":".utf8)
        var entries: [FeedEntry] = []
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            let object = line.first == UInt8(ascii: ",") ? line.dropFirst() : line
            guard object.starts(with: marker),
                let id = (try? JSONParser.parse(Array(object)))?.objectValue?["id"]?.stringValue
            else { continue }
            entries.append(FeedEntry(id: id, bytes: object))
        }
        return entries
    }

    func append(_ entries: [FeedEntry], after count: Int, to file: OutputFile) throws(SinkError) {
        try file.write { buffer in
            for (index, entry) in entries.enumerated() {
                if count + index > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.append(contentsOf: entry.bytes)
                buffer.append(UInt8(ascii: "\n"))
            }
        }
    }

    func write(_ items: [FeedItem], after count: Int, to file: OutputFile) throws(SinkError) {
        var bytes: [UInt8] = []
        for (index, item) in items.enumerated() {
            if count + index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.object(object(item)).encodeJSON(into: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        try file.write(bytes)
    }

    private func object(_ item: FeedItem) -> JSONObject {
        var object = JSONObject()
        object.append("id", .string(item.id))
        object.append("url", .string(item.link))
        object.append("title", .string(item.title))
        object.append("content_html", .string(item.contentHTML))
        if let image = item.media.lazy.compactMap(\.picture).first { object.append("image", .string(image)) }
        if let published = item.published { object.append("date_published", .string(published.rfc3339)) }
        object.append("authors", [author(item.author)])
        if !item.tags.isEmpty { object.append("tags", .array(item.tags.map(JSONValue.string))) }
        let attachments: [JSONValue] = item.media.compactMap { media in
            guard let url = media.url else { return nil }
            var attachment = JSONObject()
            attachment.append("url", .string(url))
            attachment.append("mime_type", .string(media.contentType))
            if let bytes = media.bytes { attachment.append("size_in_bytes", .int(bytes)) }
            return .object(attachment)
        }
        if !attachments.isEmpty { object.append("attachments", .array(attachments)) }
        return object
    }

    private func author(_ username: String) -> JSONValue {
        .object(JSONObject([("name", .string(username)), ("url", .string("https://www.instagram.com/\(username)/"))]))
    }
}

/// RSS 2.0 with Media RSS, `content:encoded` and `atom:link`.
///
/// The channel has `title`, `link`, `description`, `atom:link rel="self"` (only when `self_link` is set: a
/// self link that is not the feed's own URL would send readers elsewhere), `lastBuildDate`, `generator`,
/// `ttl` and the profile picture as `image`. Each item, on one line, has in this order: `title` (plain text,
/// `&` and `<` as hexadecimal references), `link`, `guid` (`isPermaLink="false"` unless `guid: permalink`),
/// an RFC 822 `pubDate`, `description` (escaped HTML, always present and before `content:encoded`, as the
/// validator asks), `content:encoded`, one `enclosure` (the first media with a URL; `length` is the archived
/// file's size, else 0 as the RSS Profile allows), a `media:content` per image, video and carousel child (each
/// with a `media:thumbnail`), a `media:thumbnail` for a video whose URL is withheld, and a `category` per
/// hashtag. HTML is escaped text rather than CDATA, so `<item>` appears only as markup.
struct RSSFeedWriter: XMLFeedWriter {
    var end: String { "</channel>\n</rss>\n" }

    func start(_ channel: FeedChannel, to file: OutputFile) throws(SinkError) {
        var writer = XMLWriter()
        writer.startDocument()
        writer.startElement("rss")
        writer.attribute("version", "2.0")
        writer.attribute("xmlns:atom", "http://www.w3.org/2005/Atom")
        writer.attribute("xmlns:content", "http://purl.org/rss/1.0/modules/content/")
        writer.attribute("xmlns:media", "http://search.yahoo.com/mrss/")
        writer.raw("\n")
        writer.startElement("channel")
        writer.raw("\n")
        writer.startElement("title")
        writer.raw(FeedText.xmlCharacterData(channel.title))
        writer.endElement()
        writer.raw("\n")
        writer.element("link", channel.link)
        writer.raw("\n")
        writer.startElement("description")
        writer.raw(FeedText.xmlCharacterData(channel.description))
        writer.endElement()
        writer.raw("\n")
        if let selfLink = channel.selfLink {
            writer.startElement("atom:link")
            writer.attribute("href", selfLink)
            writer.attribute("rel", "self")
            writer.attribute("type", "application/rss+xml")
            writer.endElement()
            writer.raw("\n")
        }
        writer.element("lastBuildDate", channel.built.rfc822)
        writer.raw("\n")
        writer.element("generator", "igexport")
        writer.raw("\n")
        writer.element("ttl", String(channel.ttl))
        writer.raw("\n")
        if let picture = channel.picture {
            writer.startElement("image")
            writer.element("url", picture)
            writer.startElement("title")
            writer.raw(FeedText.xmlCharacterData(channel.title))
            writer.endElement()
            writer.element("link", channel.link)
            writer.endElement()
            writer.raw("\n")
        }
        try writer.drain(into: file)
    }

    func entries(in bytes: [UInt8]) -> [FeedEntry] {
        FeedEntry.xmlEntries(in: bytes, start: "<item>", end: "</item>", idElement: "guid")
    }

    func write(_ item: FeedItem, to writer: inout XMLWriter) {
        writer.startElement("item")
        writer.startElement("title")
        writer.raw(FeedText.xmlCharacterData(item.title))
        writer.endElement()
        writer.element("link", item.link)
        writer.startElement("guid")
        writer.attribute("isPermaLink", item.idIsPermalink ? "true" : "false")
        writer.text(item.id)
        writer.endElement()
        if let published = item.published {
            writer.element("pubDate", published.rfc822)
        }
        writer.element("description", item.summaryHTML)
        writer.startElement(prefix: "content", "encoded")
        writer.text(item.contentHTML)
        writer.endElement()
        if let enclosure = item.enclosure, let url = enclosure.url {
            writer.startElement("enclosure")
            writer.attribute("url", url)
            writer.attribute("length", String(enclosure.bytes ?? 0))
            writer.attribute("type", enclosure.contentType)
            writer.endElement()
        }
        for media in item.media {
            guard let url = media.url else { continue }
            writer.startElement(prefix: "media", "content")
            writer.attribute("url", url)
            writer.attribute("medium", media.medium)
            writer.attribute("type", media.contentType)
            // The validator wants a positive fileSize, so an unknown size is left out rather than 0.
            if let bytes = media.bytes, bytes > 0 { writer.attribute("fileSize", String(bytes)) }
            if let picture = media.picture {
                writeThumbnail(picture, to: &writer)
            }
            writer.endElement()
        }
        if !item.isCarousel, let only = item.media.first, only.url == nil, let thumbnail = only.thumbnail {
            writeThumbnail(thumbnail, to: &writer)
        }
        for tag in item.tags {
            writer.startElement("category")
            writer.raw(FeedText.xmlCharacterData(tag))
            writer.endElement()
        }
        writer.endElement()
    }

    private func writeThumbnail(_ url: String, to writer: inout XMLWriter) {
        writer.startElement(prefix: "media", "thumbnail")
        writer.attribute("url", url)
        writer.endElement()
    }
}

import IGCore

/// Atom 1.0 (RFC 4287).
///
/// The feed has a `tag:` `id` for the account, `title` and `subtitle` as text, `link rel="alternate"` to the
/// account's page, `link rel="self"` (`self_link`, which the configuration requires for Atom), `updated`
/// (when the feed was started), an `author`, `generator` and the profile picture as `icon`. Each entry, on
/// one line, has the item's `id`, `title` (text), `link rel="alternate"`, one `link rel="enclosure"` (with a
/// `length` only when the archived file's size is known: Atom makes it optional), `published` and `updated`
/// (the media's timestamp), `summary` and `content` as escaped HTML, and a `category` per hashtag.
struct AtomFeedWriter: XMLFeedWriter {
    /// The `updated` of entries whose media has no timestamp: when the feed was started.
    var fallbackUpdated: Timestamp

    var end: String { "</feed>\n" }

    func start(_ channel: FeedChannel, to file: OutputFile) throws(SinkError) {
        var writer = XMLWriter()
        writer.startDocument()
        writer.startElement("feed")
        writer.attribute("xmlns", "http://www.w3.org/2005/Atom")
        writer.raw("\n")
        writer.element("id", channel.id)
        writer.raw("\n")
        writeText("title", channel.title, to: &writer)
        writer.raw("\n")
        writeText("subtitle", channel.description, to: &writer)
        writer.raw("\n")
        writeLink(rel: "alternate", type: "text/html", href: channel.link, to: &writer)
        writer.raw("\n")
        if let selfLink = channel.selfLink {
            writeLink(rel: "self", type: "application/atom+xml", href: selfLink, to: &writer)
            writer.raw("\n")
        }
        writer.element("updated", channel.built.rfc3339)
        writer.raw("\n")
        writer.startElement("author")
        writer.element("name", channel.username)
        writer.element("uri", "https://www.instagram.com/\(channel.username)/")
        writer.endElement()
        writer.raw("\n")
        writer.element("generator", "igexport")
        writer.raw("\n")
        if let picture = channel.picture {
            writer.element("icon", picture)
            writer.raw("\n")
        }
        try writer.drain(into: file)
    }

    func entries(in bytes: [UInt8]) -> [FeedEntry] {
        FeedEntry.xmlEntries(in: bytes, start: "<entry>", end: "</entry>", idElement: "id")
    }

    func write(_ item: FeedItem, to writer: inout XMLWriter) {
        writer.startElement("entry")
        writer.element("id", item.id)
        writeText("title", item.title, to: &writer)
        writeLink(rel: "alternate", type: "text/html", href: item.link, to: &writer)
        if let enclosure = item.enclosure, let url = enclosure.url {
            writer.startElement("link")
            writer.attribute("rel", "enclosure")
            writer.attribute("type", enclosure.contentType)
            writer.attribute("href", url)
            if let bytes = enclosure.bytes { writer.attribute("length", String(bytes)) }
            writer.endElement()
        }
        let updated = item.published ?? fallbackUpdated
        writer.element("published", updated.rfc3339)
        writer.element("updated", updated.rfc3339)
        writer.startElement("summary")
        writer.attribute("type", "html")
        writer.text(item.summaryHTML)
        writer.endElement()
        writer.startElement("content")
        writer.attribute("type", "html")
        writer.text(item.contentHTML)
        writer.endElement()
        for tag in item.tags {
            writer.startElement("category")
            writer.attribute("term", tag)
            writer.endElement()
        }
        writer.endElement()
    }

    /// A text construct: `&` and `<` as hexadecimal references, so that a caption's `&amp;` stays text.
    private func writeText(_ name: String, _ text: String, to writer: inout XMLWriter) {
        writer.startElement(name)
        writer.attribute("type", "text")
        writer.raw(FeedText.xmlCharacterData(text))
        writer.endElement()
    }

    private func writeLink(rel: String, type: String, href: String, to writer: inout XMLWriter) {
        writer.startElement("link")
        writer.attribute("rel", rel)
        writer.attribute("type", type)
        writer.attribute("href", href)
        writer.endElement()
    }
}

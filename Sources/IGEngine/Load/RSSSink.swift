import IGCore
import IGGraph

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes an RSS 2.0 feed per account, with Media RSS, `content:encoded` and `atom:link`, that passes the W3C
/// feed validator.
///
/// The sink takes the `profile` and `media` streams. The channel comes from the profile (or `RSSOptions`):
/// title `NAME (@USERNAME)`, link `https://www.instagram.com/USERNAME/`, the biography as description, the
/// profile picture as image, `lastBuildDate` (when the feed was started) and `ttl`. `atom:link rel="self"` is
/// written only when `self_link` is set: the validator merely warns when it is missing, while a self link
/// that is not the feed's own URL (such as the profile page) would send readers that follow it elsewhere.
///
/// Media pages arrive newest first, so the first `max_items` media written are the newest; the rest are
/// ignored. Each item has the caption's first line as title (at most 100 grapheme clusters, or
/// "Photo by @USERNAME"), the permalink as link and guid, an RFC 822 `pubDate`, the caption as plain-text
/// description, an HTML `content:encoded` (the escaped caption and the images; a video shows its thumbnail),
/// one `media:content` per image or video and per carousel child as siblings, a `media:thumbnail` for videos
/// (inside a child's `media:content` for carousel children), one `enclosure` (`length="0"`) for the first
/// media with a URL, and a `category` per hashtag. Media whose `media_url` is withheld still get an item.
///
/// HTML is written as escaped text rather than CDATA, so `<item>` appears only as markup and a resumed run
/// counts the items already written by reading its partial file.
public final class RSSSink: Sink {
    public let config: SinkConfig
    private let files: SinkFiles
    private let now: () -> Timestamp
    private var profiles: [String: Record] = [:]
    private var itemCounts: [String: Int] = [:]

    /// Creates the sink, reopening the partial files of a resumed run; `now` dates `lastBuildDate`.
    public init(config: SinkConfig, context: SinkContext, now: @escaping () -> Timestamp = Timestamp.now)
        throws(SinkError)
    {
        self.config = config
        self.now = now
        files = try SinkFiles(config: config, context: context)
        for file in files.files where file.offset > 0 {
            itemCounts[file.path] = try RSSSink.countItems(in: file)
        }
    }

    public func write(_ page: Page) throws(SinkError) {
        switch page.stream {
        case .profile:
            if let profile = page.records.first, profiles[page.account] == nil {
                profiles[page.account] = profile
            }
            try startIfNew(try feed(for: page.account), account: page.account, firstMedia: nil)
        case .media:
            let file = try feed(for: page.account)
            try startIfNew(file, account: page.account, firstMedia: page.records.first)
            var count = itemCounts[file.path, default: 0]
            let items = page.records.prefix(max(0, config.rss.maxItems - count))
            guard !items.isEmpty else { return }
            let writer = try XMLWriter()
            let fallbackUsername = username(account: page.account, firstMedia: page.records.first)
            for record in items {
                RSSItem(record: record, fallbackUsername: fallbackUsername, channelLink: channelLink(fallbackUsername))
                    .write(to: writer)
                writer.raw("\n")
                count += 1
            }
            try writer.drain(into: file)
            itemCounts[file.path] = count
        default:
            return
        }
    }

    public func commit(sync: Bool) throws(SinkError) -> [String: UInt64] {
        try files.commit(sync: sync)
    }

    public func finish() throws(SinkError) -> [String] {
        _ = try files.fileForEmptyRun(stream: .media)
        return try files.finish { file throws(SinkError) in
            try startIfNew(file, account: profiles.keys.sorted().first ?? "", firstMedia: nil)
            try file.write("</channel>\n</rss>\n")
        }
    }

    private func feed(for account: String) throws(SinkError) -> OutputFile {
        try files.file(stream: .media, account: account)
    }

    private func username(account: String, firstMedia: Record?) -> String {
        profiles[account]?["username"]?.stringValue ?? firstMedia?["username"]?.stringValue ?? account
    }

    private func channelLink(_ username: String) -> String {
        config.rss.link ?? "https://www.instagram.com/\(username)/"
    }

    /// Writes the prologue and the channel's elements when `file` is new.
    private func startIfNew(_ file: OutputFile, account: String, firstMedia: Record?) throws(SinkError) {
        guard file.offset == 0 else { return }
        let profile = profiles[account]
        let username = username(account: account, firstMedia: firstMedia)
        let name = profile?["name"]?.stringValue ?? ""
        let title = config.rss.title ?? (name.isEmpty ? "@\(username)" : "\(name) (@\(username))")
        let link = channelLink(username)
        var description = config.rss.description ?? profile?["biography"]?.stringValue ?? ""
        if description.allSatisfy(\.isWhitespace) { description = "Instagram posts by @\(username)" }

        let writer = try XMLWriter()
        writer.startDocument()
        writer.startElement("rss")
        writer.attribute("version", "2.0")
        writer.attribute("xmlns:atom", "http://www.w3.org/2005/Atom")
        writer.attribute("xmlns:content", "http://purl.org/rss/1.0/modules/content/")
        writer.attribute("xmlns:media", "http://search.yahoo.com/mrss/")
        writer.raw("\n")
        writer.startElement("channel")
        writer.raw("\n")
        writer.element("title", title)
        writer.raw("\n")
        writer.element("link", link)
        writer.raw("\n")
        writer.element("description", description)
        writer.raw("\n")
        if let selfLink = config.rss.selfLink {
            writer.startElement("atom:link")
            writer.attribute("href", selfLink)
            writer.attribute("rel", "self")
            writer.attribute("type", "application/rss+xml")
            writer.endElement()
            writer.raw("\n")
        }
        writer.element("lastBuildDate", now().rfc822)
        writer.raw("\n")
        writer.element("generator", "igexport")
        writer.raw("\n")
        writer.element("ttl", String(config.rss.ttl))
        writer.raw("\n")
        if let picture = profile?["profile_picture_url"]?.stringValue, !picture.isEmpty {
            writer.startElement("image")
            writer.element("url", picture)
            writer.element("title", title)
            writer.element("link", link)
            writer.endElement()
            writer.raw("\n")
        }
        try writer.drain(into: file)
    }

    /// The number of items in the committed part of a resumed feed.
    private static func countItems(in file: OutputFile) throws(SinkError) -> Int {
        let descriptor = open(file.partialPath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SinkError(.corrupt, path: file.partialPath, message: "cannot read the feed back", errno: errno)
        }
        defer { close(descriptor) }
        let marker = Array("<item>".utf8)
        var remaining = Int(file.offset)
        var count = 0
        var carry: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while remaining > 0 {
            let length = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, min($0.count, remaining)) }
            guard length > 0 else { break }
            remaining -= length
            let bytes = carry + chunk[..<length]
            var index = 0
            while index + marker.count <= bytes.count {
                if bytes[index] == marker[0], bytes[index..<(index + marker.count)].elementsEqual(marker) {
                    count += 1
                    index += marker.count
                } else {
                    index += 1
                }
            }
            carry = Array(bytes.suffix(from: max(index, bytes.count - marker.count + 1)))
        }
        return count
    }
}

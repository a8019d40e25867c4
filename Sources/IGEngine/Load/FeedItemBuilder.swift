import IGCore

/// Builds the `FeedItem` of a media record, once, for every feed format.
///
/// Text is sanitised first (`FeedText.sanitize`), so the three feeds carry the same characters. A record
/// gets no item when it lacks what its id is made of (the media id, or the permalink with
/// `guid: permalink`): an id of another form would change once the field came back, and readers would show
/// the media twice.
struct FeedItemBuilder {
    static let titleLength = 100

    var options: FeedOptions
    /// The account's username, for records without one.
    var username: String
    /// The item link of media without a permalink.
    var channelLink: String

    func item(for record: Record) -> FeedItem? {
        let permalink = FeedItemBuilder.nonEmpty(record["permalink"])
        let id: String
        switch options.guid {
        case .id:
            guard let mediaID = FeedItemBuilder.nonEmpty(record["id"]) ?? record["id"]?.intValue.map(String.init)
            else { return nil }
            id = TagURI.make(authority: options.tagAuthority, specific: "media/" + mediaID)
        case .permalink:
            guard let permalink else { return nil }
            id = permalink
        }
        let caption = FeedText.sanitize(record["caption"]?.stringValue ?? "")
        let isCarousel = record["media_type"]?.stringValue?.uppercased() == "CAROUSEL_ALBUM"
        let media: [FeedMedia]
        if isCarousel {
            let children = record["children"]?.arrayValue ?? record["children"]?.objectValue?["data"]?.arrayValue ?? []
            media = children.compactMap { $0.objectValue.map(FeedMedia.init) }
        } else {
            media = [FeedMedia(record)]
        }
        let published = record["timestamp"]?.stringValue.flatMap(Timestamp.init(parsing:))
        let title =
            FeedItemBuilder.title(caption: caption)
            ?? marker(record: record, isCarousel: isCarousel, count: media.count, published: published)
        let captionHTML = caption.isEmpty ? "" : FeedText.paragraph(caption)
        let summaryHTML = caption.isEmpty ? "<p>\(FeedText.escapeHTML(title))</p>" : captionHTML
        let contentHTML = captionHTML + media.map(FeedItemBuilder.html).joined()
        return FeedItem(
            id: id,
            idIsPermalink: options.guid == .permalink,
            link: permalink ?? channelLink,
            title: title,
            published: published,
            author: FeedText.sanitize(record["username"]?.stringValue ?? username),
            summaryHTML: summaryHTML,
            contentHTML: contentHTML.isEmpty ? summaryHTML : contentHTML,
            media: media,
            isCarousel: isCarousel,
            tags: tags(record: record, caption: caption)
        )
    }

    /// The caption's first line that still has text once tags are removed, cut to 100 grapheme clusters.
    static func title(caption: String) -> String? {
        if !FeedText.hasNewline(caption) {
            let text = FeedText.withoutTags(caption, atLeast: titleLength)
            return text.isEmpty ? nil : Truncation(field: "title", maxLength: titleLength).apply(to: text)
        }
        for line in caption.split(whereSeparator: \.isNewline) {
            let text = FeedText.withoutTags(String(line), atLeast: titleLength)
            if !text.isEmpty { return Truncation(field: "title", maxLength: titleLength).apply(to: text) }
        }
        return nil
    }

    /// "Photo, 28 Feb 2025", "Reel, …", "Carousel of 3, …": the title of a media without a caption.
    private func marker(record: Record, isCarousel: Bool, count: Int, published: Timestamp?) -> String {
        let markers = options.typeMarkers
        let marker: String
        if isCarousel {
            marker = markers.carousel.replacing("{count}", with: String(count))
        } else if record["media_product_type"]?.stringValue?.uppercased() == "REELS" {
            marker = markers.reel
        } else if record["media_type"]?.stringValue?.uppercased() == "VIDEO" {
            marker = markers.video
        } else {
            marker = markers.image
        }
        // "Fri, 28 Feb 2025 12:34:56 +0000" → "28 Feb 2025": English month names, whatever the locale.
        guard let published else { return marker }
        let date = published.rfc822.dropFirst(5).prefix(11)
        return "\(marker), \(date)"
    }

    /// The hashtags of the `hashtags` field when a transform step filled it, else of the caption.
    private func tags(record: Record, caption: String) -> [String] {
        let tags = record["hashtags"]?.arrayValue?.compactMap(\.stringValue) ?? TagExtractor.hashtags(in: caption)
        return tags.map { FeedText.withoutTags(FeedText.sanitize($0)) }.filter { !$0.isEmpty }
    }

    /// An image, or a video with its poster (a link to the video for readers that drop `<video>`), or the
    /// poster alone when the video's URL is withheld.
    private static func html(_ media: FeedMedia) -> String {
        let alt = FeedText.escapeHTML(media.altText ?? "")
        if media.isVideo, let url = media.url.map(FeedText.escapeHTML) {
            guard let poster = media.thumbnail.map(FeedText.escapeHTML) else {
                return "<p><video src=\"\(url)\" preload=\"none\"><a href=\"\(url)\">\(url)</a></video></p>"
            }
            return "<p><video src=\"\(url)\" poster=\"\(poster)\" preload=\"none\">"
                + "<a href=\"\(url)\"><img src=\"\(poster)\" alt=\"\(alt)\"/></a></video></p>"
        }
        guard let picture = media.picture.map(FeedText.escapeHTML) else { return "" }
        return "<p><img src=\"\(picture)\" alt=\"\(alt)\"/></p>"
    }

    private static func nonEmpty(_ value: JSONValue?) -> String? {
        guard let text = value?.stringValue, !text.isEmpty else { return nil }
        return text
    }
}

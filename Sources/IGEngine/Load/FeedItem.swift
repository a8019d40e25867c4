import IGCore

/// One media as a feed item, built once by `FeedItemBuilder` and rendered by the RSS, Atom and JSON Feed
/// writers, so that the three feeds carry the same items with the same ids, titles and HTML.
struct FeedItem: Sendable, Equatable {
    /// The stable id: a `tag:` URI of the media id, or the permalink with `guid: permalink`.
    var id: String
    /// Whether `id` is the permalink (RSS `isPermaLink`).
    var idIsPermalink: Bool
    /// The permalink, or the channel link when the media has none.
    var link: String
    /// Plain text: the caption's first line without tags, or a type marker and the date.
    var title: String
    var published: Timestamp?
    /// The author's username.
    var author: String
    /// The caption as escaped HTML (one paragraph), or the escaped title when there is no caption: RSS
    /// `description`.
    var summaryHTML: String
    /// The caption paragraph, then an `<img>` (or a `<video>` with its poster) per media and carousel child.
    var contentHTML: String
    /// The media, then each carousel child, in order.
    var media: [FeedMedia]
    var isCarousel: Bool
    var tags: [String]

    /// The media that gets RSS's single enclosure: the first with a URL.
    var enclosure: FeedMedia? { media.first { $0.url != nil } }
}

/// Options of the feed writers (`rss`, `atom`, `jsonfeed`), which render the same items from one model.
public struct FeedOptions: Sendable, Equatable {
    /// What an item's id is made of.
    public enum GuidForm: String, Sendable, Equatable, CaseIterable {
        /// A `tag:` URI made of `tagAuthority` and the media id alone: it never changes form, whatever the
        /// record lacks, so a reader never shows an item twice.
        case id
        /// The media's permalink; a media without one is left out of the feed rather than given an id of
        /// another form that would change later.
        case permalink
    }

    /// The channel title; defaults to the profile's name and username.
    public var title: String?
    /// The channel link; defaults to `https://www.instagram.com/USERNAME/`.
    public var link: String?
    /// The channel description; defaults to the profile's.
    public var description: String?
    /// The URL the feed will be published at: RSS and Atom `atom:link rel="self"`, JSON Feed `feed_url`.
    /// Required for Atom.
    public var selfLink: String?
    /// The newest items kept.
    public var maxItems = 50
    /// Minutes a reader may cache the feed (RSS only).
    public var ttl = 60
    /// What item ids are made of.
    public var guid = GuidForm.id
    /// The `AUTHORITY,DATE` of the `tag:` URIs (RFC 4151) that identify items and the feed.
    public var tagAuthority = FeedOptions.defaultTagAuthority
    /// Titles of media without a caption.
    public var typeMarkers = TypeMarkers()
    /// Whether the feed keeps the items of the feed it replaces, up to `maxItems`: set when media are
    /// extracted incrementally, since such a run reads only the newest media.
    public var keepsPublishedItems = false

    /// Instagram's domain in the year it launched: media ids are minted by Instagram, and the authority must
    /// not follow `self_link`, or moving the feed would change every id.
    public static let defaultTagAuthority = "instagram.com,2010"

    /// Creates the default options.
    public init() {}
}

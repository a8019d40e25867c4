/// One generated media object (a post, a reel, a carousel child or a story), held as ready-made JSON fragments
/// (`"caption":"…"`) so that a page is rendered by concatenation.
struct MediaRecord: Sendable {
    enum MediaType: String, Sendable {
        case image = "IMAGE"
        case video = "VIDEO"
        case carouselAlbum = "CAROUSEL_ALBUM"
    }

    enum ProductType: String, Sendable {
        case feed = "FEED"
        case reels = "REELS"
        case story = "STORY"
    }

    let id: String
    let timestamp: Int64
    let mediaType: MediaType
    /// Nil for carousel children, which carry no product type.
    let productType: ProductType?
    /// Indexed by `MediaField.rawValue`; nil where the field is absent for this media.
    let fragments: [[UInt8]?]
    /// The owner hid the like count: `like_count` is left out when the media is read through an edge.
    let hidesLikes: Bool
    let likeCount: Int
    let commentsCount: Int
    /// Top-level comments, served by the comments edge; `comments_count` also counts replies.
    let topLevelComments: Int
    /// Carousel children, in album order.
    let children: [MediaRecord]
    /// A story seen by fewer than five accounts: its insights answer code 10.
    let smallAudience: Bool

    var isChild: Bool { productType == nil }

    func fragment(_ field: MediaField) -> [UInt8]? {
        fragments[field.rawValue]
    }
}

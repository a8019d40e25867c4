/// The scalar fields of an IG Media object that the Instagram-Login API serves. The numbers index the
/// precomputed fragments of a `MediaRecord`.
enum MediaField: Int, CaseIterable, Sendable {
    case id
    case caption
    case mediaType
    case mediaProductType
    case mediaURL
    case permalink
    case thumbnailURL
    case timestamp
    case username
    case owner
    case likeCount
    case commentsCount
    case isCommentEnabled
    case shortcode
    case altText
    case isSharedToFeed
    case legacyInstagramMediaID

    var name: String {
        switch self {
        case .id: "id"
        case .caption: "caption"
        case .mediaType: "media_type"
        case .mediaProductType: "media_product_type"
        case .mediaURL: "media_url"
        case .permalink: "permalink"
        case .thumbnailURL: "thumbnail_url"
        case .timestamp: "timestamp"
        case .username: "username"
        case .owner: "owner"
        case .likeCount: "like_count"
        case .commentsCount: "comments_count"
        case .isCommentEnabled: "is_comment_enabled"
        case .shortcode: "shortcode"
        case .altText: "alt_text"
        case .isSharedToFeed: "is_shared_to_feed"
        case .legacyInstagramMediaID: "legacy_instagram_media_id"
        }
    }

    static let byName: [String: MediaField] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })
}

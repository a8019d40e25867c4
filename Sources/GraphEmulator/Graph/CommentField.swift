/// The fields of an IG Comment.
enum CommentField: String, CaseIterable, Sendable {
    case id
    case text
    case timestamp
    case username
    case likeCount = "like_count"
    case hidden
    case from
    case media
    /// On replies only: the comment replied to.
    case parentID = "parent_id"
}

/// The fields of the Instagram-Login user (`/me`, `/{ig-user-id}`).
enum UserField: String, CaseIterable, Sendable {
    case id
    case userID = "user_id"
    case username
    case name
    case accountType = "account_type"
    case profilePictureURL = "profile_picture_url"
    case followersCount = "followers_count"
    case followsCount = "follows_count"
    case mediaCount = "media_count"
    case biography
    case website
}

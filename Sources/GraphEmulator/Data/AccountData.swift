/// One generated Instagram professional account and everything it owns.
struct AccountData: Sendable {
    let index: Int
    /// The IG professional account id (`user_id`), used in paths.
    let userID: String
    /// The app-scoped id (`id` on `/me`).
    let appScopedID: String
    let username: String
    let token: String
    let name: String
    let accountType: String
    let biography: String
    let website: String
    let profilePictureURL: String
    let followersCount: Int
    let followsCount: Int
    /// Feed media and reels, oldest first: a media's ordinal is its index, so ordinals never move when new media
    /// are published at the end.
    var media: [MediaRecord]
    /// Stories, oldest first.
    let stories: [MediaRecord]

    /// The ordinals of the media the media edge may return: Graph serves at most the 10,000 newest (`cap`).
    func visibleMedia(cap: Int) -> ClosedRange<Int>? {
        guard !media.isEmpty else { return nil }
        return max(0, media.count - cap)...(media.count - 1)
    }
}

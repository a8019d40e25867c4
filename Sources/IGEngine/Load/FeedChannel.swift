import IGCore

/// What a feed says about itself, from the profile record and `FeedOptions`; shared by the three writers.
struct FeedChannel {
    var title: String
    /// The account's page: RSS `link`, Atom `link rel="alternate"`, JSON Feed `home_page_url`.
    var link: String
    var description: String
    var selfLink: String?
    var username: String
    /// A stable id for the Atom feed: a `tag:` URI of the account id.
    var id: String
    var picture: String?
    /// When the feed was started (RSS `lastBuildDate`, Atom `updated`).
    var built: Timestamp
    var ttl: Int

    init(options: FeedOptions, profile: Record?, account: String, username: String, built: Timestamp) {
        let name = FeedText.sanitize(profile?["name"]?.stringValue ?? "")
        // Channel text is plain text in all three formats, so tags are removed as from item titles.
        title = FeedText.withoutTags(
            FeedText.sanitize(options.title ?? (name.isEmpty ? "@\(username)" : "\(name) (@\(username))"))
        )
        link = FeedChannel.link(options: options, username: username)
        var description = FeedText.withoutTags(
            FeedText.sanitize(options.description ?? profile?["biography"]?.stringValue ?? "")
        )
        if description.allSatisfy(\.isWhitespace) { description = "Instagram posts by @\(username)" }
        self.description = description
        selfLink = options.selfLink
        self.username = username
        let accountID =
            profile?["id"]?.stringValue ?? profile?["user_id"]?.stringValue
            ?? profile?["user_id"]?.intValue.map(String.init) ?? (account.isEmpty ? username : account)
        id = TagURI.make(authority: options.tagAuthority, specific: "account/" + accountID)
        picture = profile?["profile_picture_url"]?.stringValue.flatMap {
            $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil
        }
        self.built = built
        ttl = options.ttl
    }

    /// The configured link, or the account's Instagram page.
    static func link(options: FeedOptions, username: String) -> String {
        options.link ?? "https://www.instagram.com/\(username)/"
    }
}

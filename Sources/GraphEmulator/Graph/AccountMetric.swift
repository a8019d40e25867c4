/// A metric of `/{ig-user-id}/insights`, with the periods and metric types it accepts.
struct AccountMetric: Sendable {
    enum Kind: Sendable {
        /// Period `day`, `metric_type=total_value` only.
        case interaction
        /// Period `day`, as a time series or a total value.
        case reach
        /// Period `day`, time series only, for accounts with at least 100 followers.
        case followerCount
        /// Period `lifetime`, `total_value`, with a `timeframe` and a breakdown.
        case demographics
    }

    let name: String
    let title: String
    let kind: Kind

    static let all: [AccountMetric] = [
        AccountMetric(name: "accounts_engaged", title: "Accounts engaged", kind: .interaction),
        AccountMetric(name: "comments", title: "Comments", kind: .interaction),
        AccountMetric(name: "follows_and_unfollows", title: "Follows and unfollows", kind: .interaction),
        AccountMetric(name: "likes", title: "Likes", kind: .interaction),
        AccountMetric(name: "profile_links_taps", title: "Profile links taps", kind: .interaction),
        AccountMetric(name: "reach", title: "Accounts reached", kind: .reach),
        AccountMetric(name: "replies", title: "Replies", kind: .interaction),
        AccountMetric(name: "reposts", title: "Reposts", kind: .interaction),
        AccountMetric(name: "saves", title: "Saves", kind: .interaction),
        AccountMetric(name: "shares", title: "Shares", kind: .interaction),
        AccountMetric(name: "total_interactions", title: "Interactions", kind: .interaction),
        AccountMetric(name: "views", title: "Views", kind: .interaction),
        AccountMetric(name: "follower_count", title: "Follower count", kind: .followerCount),
        AccountMetric(name: "engaged_audience_demographics", title: "Engaged audience", kind: .demographics),
        AccountMetric(name: "follower_demographics", title: "Follower demographics", kind: .demographics),
    ]

    /// Account metrics removed in v21.0/v22.0.
    static let deprecated: Set<String> = [
        "impressions", "profile_views", "website_clicks", "email_contacts", "phone_call_clicks",
        "text_message_clicks", "get_directions_clicks",
    ]

    static let breakdowns: [String: [String]] = [
        "media_product_type": ["POST", "REEL", "STORY", "CAROUSEL_CONTAINER"],
        "follow_type": ["FOLLOWER", "NON_FOLLOWER"],
        "contact_button_type": ["BOOK_NOW", "CALL", "DIRECTION", "EMAIL", "TEXT"],
        "age": ["13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"],
        "gender": ["F", "M", "U"],
        "country": ["US", "BR", "IN", "DE", "FR", "EG", "JP"],
        "city": ["London, England", "São Paulo, São Paulo (state)", "Cairo, Cairo Governorate", "Tōkyō, Tokyo"],
    ]
}

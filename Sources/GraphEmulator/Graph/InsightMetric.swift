/// A metric an insights endpoint serves, with the product types it applies to and the breakdown it accepts.
struct InsightMetric: Sendable {
    let name: String
    let title: String
    let description: String
    let products: Set<MediaRecord.ProductType>
    let breakdown: (name: String, values: [String])?

    init(
        _ name: String,
        _ title: String,
        _ description: String,
        _ products: Set<MediaRecord.ProductType>,
        breakdown: (name: String, values: [String])? = nil
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.products = products
        self.breakdown = breakdown
    }

    /// Media metrics by product type, as the Media Insights reference lists them.
    static let media: [InsightMetric] = [
        InsightMetric("comments", "Comments", "The number of comments on your post.", [.feed, .reels]),
        InsightMetric("likes", "Likes", "The number of likes on your post.", [.feed, .reels]),
        InsightMetric("saved", "Saved", "The number of saves of your post.", [.feed, .reels]),
        InsightMetric("reach", "Accounts reached", "The number of unique accounts that have seen your post.", all),
        InsightMetric("shares", "Shares", "The number of shares of your post.", all),
        InsightMetric(
            "total_interactions",
            "Interactions",
            "The number of likes, saves, comments and shares on your post, minus the number of unlikes, unsaves and "
                + "deleted comments.",
            all
        ),
        InsightMetric("views", "Views", "The number of times your post was played or displayed.", all),
        InsightMetric("reposts", "Reposts", "The number of times your post was reposted.", all),
        InsightMetric("follows", "Follows", "The number of accounts that started following you.", [.feed, .story]),
        InsightMetric(
            "profile_visits",
            "Profile visits",
            "The number of times your profile was visited.",
            [.feed, .story]
        ),
        InsightMetric(
            "profile_activity",
            "Profile activity",
            "The number of actions people took when they visited your profile after engaging with your post.",
            [.feed, .story],
            breakdown: ("action_type", ["BIO_LINK_CLICKED", "CALL", "DIRECTION", "EMAIL", "TEXT"])
        ),
        InsightMetric(
            "navigation",
            "Navigation",
            "The total number of actions taken from your story.",
            [.story],
            breakdown: ("story_navigation_action_type", ["TAP_FORWARD", "TAP_BACK", "TAP_EXIT", "SWIPE_FORWARD"])
        ),
        InsightMetric("replies", "Replies", "The number of replies to your story.", [.story]),
        InsightMetric(
            "ig_reels_avg_watch_time",
            "Average watch time",
            "The average amount of time spent playing your reel, in milliseconds.",
            [.reels]
        ),
        InsightMetric(
            "ig_reels_video_view_total_time",
            "Watch time",
            "The total amount of time your reel was played, in milliseconds.",
            [.reels]
        ),
        InsightMetric("reels_skip_rate", "Skip rate", "The percentage of views that skipped your reel.", [.reels]),
        InsightMetric(
            "crossposted_views",
            "Crossposted views",
            "Views of your reel on Instagram and Facebook.",
            [.reels]
        ),
        InsightMetric("facebook_views", "Facebook views", "Views of your reel on Facebook.", [.reels]),
    ]

    /// Media metrics removed in v22.0 (and from every version since 21 April 2025).
    static let deprecatedMedia: Set<String> = [
        "impressions", "plays", "clips_replays_count", "ig_reels_aggregated_all_plays_count", "video_views",
    ]

    private static let all: Set<MediaRecord.ProductType> = [.feed, .reels, .story]
}

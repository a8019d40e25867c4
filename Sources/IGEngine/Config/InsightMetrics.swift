/// The insight metrics the documentation lists, by where they are asked (`instagram-api.md` §2.7, §2.8, §11).
///
/// `igexport check` asks for the same metrics a run asks for; keeping the sets here, beside the config whose
/// defaults they are, lets both read one list.
public enum InsightMetrics {
    /// The media metrics asked by default, per `media_product_type`, deprecated ones (`impressions`, `plays`,
    /// `video_views`) left out.
    public static let mediaDefaults: [String: [String]] = [
        "FEED": [
            "reach", "likes", "comments", "saved", "shares", "total_interactions", "views", "follows", "profile_visits",
        ],
        "REELS": [
            "reach", "likes", "comments", "saved", "shares", "total_interactions", "views", "ig_reels_avg_watch_time",
            "ig_reels_video_view_total_time",
        ],
        "STORY": ["reach", "shares", "total_interactions", "views", "follows", "profile_visits", "replies"],
    ]

    /// The account metrics the API serves only with `metric_type=total_value`, answered in `total_value.value`;
    /// the others (`reach`, `follower_count`) are asked as a daily time series.
    public static let accountTotalValueOnly: Set<String> = [
        "accounts_engaged", "comments", "follows_and_unfollows", "likes", "profile_links_taps", "replies", "reposts",
        "saves", "shares", "total_interactions", "views",
    ]

    /// The media metrics a run asks for a media of `productType` (FEED when the API did not say): `configured`
    /// when the pipeline lists metrics, else the documented set.
    public static func media(productType: String?, configured: [String]) -> [String] {
        configured.isEmpty ? mediaDefaults[productType ?? "FEED"] ?? [] : configured
    }
}

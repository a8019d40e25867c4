/// What the Media Insights API tells apart when it decides which metrics a media serves: its product type and,
/// within FEED, its media type.
enum MediaInsightKind: Sendable, CaseIterable {
    case feedImage
    case feedVideo
    case feedCarousel
    case reels
    case story

    /// The kind of a media; nil for carousel children, which have no insights.
    init?(_ media: MediaRecord) {
        switch (media.productType, media.mediaType) {
        case (nil, _): return nil
        case (.feed, .image): self = .feedImage
        case (.feed, .video): self = .feedVideo
        case (.feed, .carouselAlbum): self = .feedCarousel
        case (.reels, _): self = .reels
        case (.story, _): self = .story
        }
    }

    var productType: MediaRecord.ProductType {
        switch self {
        case .feedImage, .feedVideo, .feedCarousel: .feed
        case .reels: .reels
        case .story: .story
        }
    }

    /// The metrics served for this kind, in the reference's order.
    ///
    /// The documented sets (§2.7, by product type): FEED `comments, likes, saved, reach, shares,
    /// total_interactions, views, reposts, follows, profile_visits, profile_activity`; REELS `comments, likes,
    /// saved, reach, shares, total_interactions, views, reposts, ig_reels_avg_watch_time,
    /// ig_reels_video_view_total_time, reels_skip_rate, crossposted_views, facebook_views`; STORY `reach, shares,
    /// total_interactions, views, reposts, follows, profile_visits, profile_activity, navigation, replies`.
    /// With `refusesSharesOnImages`, FEED images lose `shares`, as reported (§11: exileum/meta-mcp#174).
    func servedMetrics(refusesSharesOnImages: Bool) -> [InsightMetric] {
        InsightMetric.media.filter { metric in
            metric.products.contains(productType)
                && !(refusesSharesOnImages && self == .feedImage && metric.name == "shares")
        }
    }
}

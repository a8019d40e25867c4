/// How closely the emulator follows what real runs meet (`instagram-api.md` §11) rather than what the
/// documentation alone describes. Each behaviour is a switch of its own, so a test can rehearse one of them;
/// a profile sets them all at once.
///
/// The spec form (`igexport emulator --behaviour`) is a comma-separated list of `name=value` items laid over the
/// profile, e.g. `listing_cap=50,pre_conversion=0.1,flat_me=false`.
public struct EmulatorBehaviour: Sendable, Equatable {
    /// A named set of behaviours.
    public enum Profile: String, CaseIterable, Sendable {
        /// The emulator as it always was: what the reference documents, each refusal in its documented place.
        case standard
        /// Every behaviour of §11 on, as other exporters' users report the real API.
        case realistic
    }

    /// `shares` is refused on FEED images with "(#100) The metric shares is not supported for this media
    /// type", although §2.7 lists it for FEED. Source: §11 (exileum/meta-mcp#174).
    public var refusesSharesOnImages: Bool
    /// The share of each account's oldest media (0...1, counted on the media it starts with) posted before the
    /// account became a business account: their insights answer 100/2108006. Source: §11 (airbyte#1814).
    public var preConversionShare: Double
    /// The share of feed media and reels (0...1) seen by too few accounts: their insights answer code 10 "Not
    /// enough viewers", as stories under five viewers always do. Source: §2.7, §11.
    public var notEnoughViewersShare: Double
    /// Account insights keep to their windows: nothing before the 90-day retention of user metrics, and
    /// `follower_count` only within the last 30 days. Source: §2.8 ("stored for up to 90 days"), §11.
    public var accountInsightRetention: Bool
    /// Comments carry replies: `replies{…}` expands on comments, `/{comment-id}/replies` pages them, and
    /// `parent_id` is served on replies. Source: §2.6, §11.
    public var commentReplies: Bool
    /// `X-App-Usage` in the Instagram Login shape `{"call_volume":N,"cpu_time":N}` instead of the Facebook keys.
    /// Source: §5, §11 (restfb/restfb#1571).
    public var instagramUsageHeader: Bool
    /// `/me` comes flat, with the app-scoped `id` added even when not requested, instead of wrapped in
    /// `{"data":[…]}` as the get-started sample shows. Source: §2.1, §11.
    public var flatMe: Bool
    /// A media or stories request with `since` or `until` pages by time: `next` carries `until` (and
    /// `previous` `since`), with no `cursors`. Source: §3 (time-based paging), §11.
    public var timeBasedPaging: Bool
    /// How many of the newest media the media edge lists; older ones cannot be listed. Source: §2.2, §6.
    public var listingCap: Int
    /// Added to `media_count`, which differs from what the media edge lists by a few. Source: §11 (237 vs 241).
    public var mediaCountDrift: Int

    /// The behaviours of `profile`.
    public init(profile: Profile = .standard) {
        let realistic = profile == .realistic
        refusesSharesOnImages = realistic
        preConversionShare = realistic ? 0.05 : 0
        notEnoughViewersShare = realistic ? 0.03 : 0
        accountInsightRetention = realistic
        commentReplies = realistic
        instagramUsageHeader = realistic
        flatMe = realistic
        timeBasedPaging = realistic
        listingCap = 10_000
        mediaCountDrift = realistic ? 4 : 0
    }

    /// The behaviours of `profile`, then the items of `spec` (`name=value,…`) over them; an empty spec keeps
    /// the profile as it is. An error names the first item that is wrong.
    public init(profile: Profile, parsing spec: String) throws(EmulatorConfigurationError) {
        self.init(profile: profile)
        let trimmed = spec.trimmingSpaces
        guard !trimmed.isEmpty else { return }
        for rawItem in trimmed.split(separator: ",") {
            let item = String(rawItem).trimmingSpaces
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else {
                throw EmulatorConfigurationError(
                    item: item,
                    message: "a behaviour item is name=value, e.g. flat_me=true"
                )
            }
            try apply(name: String(parts[0]), value: String(parts[1]), item: item)
        }
    }

    private mutating func apply(name: String, value: String, item: String) throws(EmulatorConfigurationError) {
        switch name {
        case "refuse_image_shares": refusesSharesOnImages = try flag(value, item: item)
        case "pre_conversion": preConversionShare = try share(value, item: item)
        case "not_enough_viewers": notEnoughViewersShare = try share(value, item: item)
        case "insight_retention": accountInsightRetention = try flag(value, item: item)
        case "replies": commentReplies = try flag(value, item: item)
        case "instagram_usage": instagramUsageHeader = try flag(value, item: item)
        case "flat_me": flatMe = try flag(value, item: item)
        case "time_paging": timeBasedPaging = try flag(value, item: item)
        case "listing_cap":
            guard let cap = Int(value), cap > 0 else {
                throw EmulatorConfigurationError(item: item, message: "listing_cap takes a number of media above 0")
            }
            listingCap = cap
        case "media_count_drift":
            guard let drift = Int(value), (-1_000...1_000).contains(drift) else {
                throw EmulatorConfigurationError(item: item, message: "media_count_drift is between -1000 and 1000")
            }
            mediaCountDrift = drift
        default:
            throw EmulatorConfigurationError(
                item: item,
                message: "unknown behaviour \"\(name)\"; known: refuse_image_shares, pre_conversion, "
                    + "not_enough_viewers, insight_retention, replies, instagram_usage, flat_me, time_paging, "
                    + "listing_cap, media_count_drift"
            )
        }
    }

    private func flag(_ value: String, item: String) throws(EmulatorConfigurationError) -> Bool {
        switch value {
        case "true", "on", "1": return true
        case "false", "off", "0": return false
        default: throw EmulatorConfigurationError(item: item, message: "a switch is true or false")
        }
    }

    private func share(_ value: String, item: String) throws(EmulatorConfigurationError) -> Double {
        guard let share = Double(value), share >= 0, share <= 1 else {
            throw EmulatorConfigurationError(item: item, message: "a share is between 0 and 1, e.g. 0.05")
        }
        return share
    }
}

import IGCore
import IGGraph
import IGStorage

/// A pipeline file, decoded and validated: what to extract, how to transform it, where to write it.
///
/// Every key has a default (see the README's config reference); `PipelineConfig.load(path:)` reads a file.
public struct PipelineConfig: Sendable {
    /// The schema version; only `1` exists.
    public var version: Int = 1
    /// The pipeline's name, used in paths, locks, logs and metrics.
    public var name: String
    /// The file the pipeline was read from.
    public var file: String = ""
    public var source: SourceConfig
    public var http = HTTPConfig()
    public var extract = ExtractConfig()
    public var transform: [TransformStep] = []
    public var load: [SinkConfig] = []
    /// Where the schemas of the written streams go (`catalog: {path: …}`); `nil` for none.
    public var catalog: CatalogConfig?
    /// Where the run manifest goes (`manifest: {path: …}`), after which `_SUCCESS` markers are written;
    /// `nil` for neither.
    public var manifest: ManifestConfig?
    /// What a run that had to skip something (a refused metric, an unread reply, a future date) ends with.
    public var onPartial = PartialPolicy.continue
    public var checkpoint: CheckpointConfig
    /// Where `s3://` outputs are published; `nil` when every output is local.
    public var storage: StorageConfig?

    /// Creates a pipeline with defaults for everything but its name and source.
    public init(name: String, source: SourceConfig) {
        self.name = name
        self.source = source
        self.checkpoint = CheckpointConfig(path: "output/.state/\(name)")
    }
}

extension PipelineConfig {
    /// A digest of everything that shapes the outputs (`extract`, `transform`, `load`), stable across
    /// processes (FNV-1a over their description), so a resume can tell that the pipeline was edited.
    public var outputFingerprint: String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in "\(extract)|\(transform)|\(load)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Where records come from: the API (or the built-in emulator), its version, the token and the accounts.
public struct SourceConfig: Sendable {
    /// The API's base URL, or the built-in emulator.
    public enum API: Sendable, Equatable {
        case url(String)
        case emulator
    }

    public var api: API = .url("https://graph.instagram.com")
    public var apiVersion: String = "v23.0"
    /// The token for every account that names none of its own; `nil` only with the emulator.
    public var token: Secret?
    public var accounts: [AccountConfig] = [AccountConfig(id: "me")]
    /// A file of accounts, one a line (`ID ${file:PATH}` or `ID ${env:NAME}`), read when a run starts instead
    /// of `accounts` (see `AccountsFile`).
    public var accountsFile: String?
    public var auth = AuthConfig()
    /// How the built-in emulator is set up when `api` is `emulator`.
    public var emulator = EmulatorOptions()

    /// Creates a source with defaults.
    public init() {}
}

/// Settings of the built-in emulator for `source.api: emulator` (see `igexport emulator --help`).
public struct EmulatorOptions: Sendable, Equatable {
    public var seed: UInt64 = 42
    public var accounts = 1
    public var media = 120
    /// A fault plan such as `http500=0.1,reset=0.05`; empty for none.
    public var faults = ""
    public var latency: Duration = .zero
    /// `standard` (what the reference documents) or `realistic` (what real runs meet, reference §11).
    public var profile: EmulatorProfile = .standard
    /// Single behaviours laid over the profile, e.g. `listing_cap=50,flat_me=false`; empty for none.
    public var behaviour = ""

    /// Creates the default settings.
    public init() {}
}

/// How closely the built-in emulator follows what real runs meet (`igexport emulator --profile`).
public enum EmulatorProfile: String, CaseIterable, Sendable {
    case standard
    case realistic
}

/// One account to export: `me` or an Instagram user id, with an optional token of its own.
public struct AccountConfig: Sendable, Equatable {
    public var id: String
    public var token: Secret?

    /// Creates an account reference.
    public init(id: String, token: Secret? = nil) {
        self.id = id
        self.token = token
    }
}

/// Token refresh settings.
public struct AuthConfig: Sendable, Equatable {
    /// Refresh a file-based token during a run when it is close to expiry.
    public var autoRefresh = false
    /// How close to expiry a token must be before a run refreshes it.
    public var refreshBefore: Duration = .seconds(7 * 86_400)

    /// Creates the default settings.
    public init() {}
}

/// Which streams to extract, and how.
public struct ExtractConfig: Sendable, Equatable {
    public var profile: ProfileConfig?
    public var media: MediaConfig?
    public var stories: StoriesConfig?
    public var mediaInsights: MediaInsightsConfig?
    public var accountInsights: AccountInsightsConfig?
    public var comments: CommentsConfig?

    /// Creates a config that extracts nothing.
    public init() {}

    /// The fields each stream asks the API for, so `normalize` knows which counts a record should have.
    public var requestedFields: [StreamKind: [String]] {
        var fields: [StreamKind: [String]] = [:]
        fields[.profile] = profile?.fields
        fields[.media] = media?.fields
        fields[.stories] = stories?.fields
        fields[.comments] = comments?.fields
        return fields
    }

    /// The fields of the records each stream whose records follow the request yields, in order, before any
    /// transform: what a CSV without `columns` is headed with.
    public var recordFields: [StreamKind: [String]] {
        var fields: [StreamKind: [String]] = [:]
        fields[.profile] = profile?.fields
        if let media {
            fields[.media] = media.fields + (media.children.isEmpty ? [] : ["children"])
        }
        fields[.stories] = stories?.fields
        if let comments {
            fields[.comments] = ["media_id"] + (comments.replies ? ["parent_id"] : []) + comments.fields
        }
        return fields
    }

    /// The streams switched on, in extraction order.
    public var streams: [StreamKind] {
        var result: [StreamKind] = []
        if profile != nil { result.append(.profile) }
        if media != nil { result.append(.media) }
        if stories != nil { result.append(.stories) }
        if mediaInsights != nil { result.append(.mediaInsights) }
        if accountInsights != nil { result.append(.accountInsights) }
        if comments != nil { result.append(.comments) }
        return result
    }
}

/// `extract.profile`.
public struct ProfileConfig: Sendable, Equatable {
    public var fields = [
        "user_id", "username", "name", "account_type", "profile_picture_url", "followers_count", "follows_count",
        "media_count",
    ]

    /// Creates the default settings.
    public init() {}
}

/// Whether a media extraction reads everything or only what is new since the last completed run.
public enum ExtractMode: String, Sendable, Equatable, CaseIterable {
    case full
    case incremental
}

/// `extract.media`.
public struct MediaConfig: Sendable, Equatable {
    public var fields = [
        "id", "caption", "media_type", "media_product_type", "media_url", "permalink", "thumbnail_url", "timestamp",
        "username", "like_count", "comments_count",
    ]
    /// Carousel children fields, fetched through field expansion; empty for none.
    public var children = ["id", "media_type", "media_url", "thumbnail_url"]
    /// Records per page requested (`limit`), 1 to 100.
    public var pageSize = 100
    public var mode = ExtractMode.full
    /// How far before the last run's newest media an incremental run looks again, to refresh counts.
    public var lookback: Duration = .seconds(3 * 86_400)

    /// Creates the default settings.
    public init() {}
}

/// `extract.stories`.
public struct StoriesConfig: Sendable, Equatable {
    public var fields = [
        "id", "media_type", "media_product_type", "media_url", "permalink", "thumbnail_url", "timestamp", "username",
    ]

    /// Creates the default settings.
    public init() {}
}

/// How insights are written.
public enum InsightsShape: String, Sendable, Equatable, CaseIterable {
    /// One record per media (or account), metric, period and end time, with `value`: a metric that appears or
    /// disappears never changes a table's columns.
    case long
    /// One record per media, one field per metric.
    case wide
}

/// `extract.media_insights`: metrics per media (posts, reels and stories), chosen by `media_product_type` unless
/// listed.
public struct MediaInsightsConfig: Sendable, Equatable {
    /// Metrics to ask for; empty means the documented set for each product type.
    public var metrics: [String] = []
    public var shape = InsightsShape.long

    /// Creates the default settings.
    public init() {}
}

/// `extract.account_insights`: account metrics by day.
public struct AccountInsightsConfig: Sendable, Equatable {
    /// How long the API keeps user metrics; no window reaches further back.
    public static let retentionDays = 90
    /// How far back `follower_count` is served.
    public static let followerCountDays = 30

    /// Metrics read as a daily series (`values[]`); `follower_count` only within its last 30 days.
    public var metrics = ["reach"]
    /// Metrics read as daily totals (`metric_type=total_value`, `total_value.value`), one request per day.
    public var totals = ["views", "accounts_engaged", "total_interactions"]
    public var period = "day"
    /// How many days back from today to read (at most the 90-day retention), in windows of at most 30 days.
    public var days = 30

    /// Creates the default settings.
    public init() {}
}

/// `extract.comments`: comments per media, replies included.
public struct CommentsConfig: Sendable, Equatable {
    public var fields = ["id", "text", "timestamp", "username", "like_count"]
    public var pageSize = 50
    /// Whether replies are read (field expansion `replies{…}`, then `/{comment-id}/replies`), each a record of
    /// the comments stream with `parent_id`.
    public var replies = true

    /// Creates the default settings.
    public init() {}
}

/// `catalog`: a folder of schemas, one set per stream written.
public struct CatalogConfig: Sendable, Equatable {
    /// The folder; `{pipeline}` is replaced.
    public var path: String

    /// Creates the settings.
    public init(path: String) {
        self.path = path
    }
}

/// `manifest`: the run manifest's path template (`{run}`, `{pipeline}`, `{date}`).
public struct ManifestConfig: Sendable, Equatable {
    public var path: String

    /// Creates the settings.
    public init(path: String) {
        self.path = path
    }
}

/// When the checkpoint is made durable.
public enum Durability: String, Sendable, Equatable, CaseIterable {
    /// fsync outputs and state after every page.
    case page
    /// fsync only when the run ends.
    case run
}

/// `checkpoint`: where the state lives and how it is kept.
public struct CheckpointConfig: Sendable, Equatable {
    public var path: String
    public var durability = Durability.page
    /// A saved cursor older than this is not trusted on resume: the stream resumes by time window.
    public var cursorTTL: Duration = .seconds(3600)

    /// Creates the default settings for a state file at `path`.
    public init(path: String) {
        self.path = path
    }
}

/// `on_partial`: what a run that skipped something ends with.
public enum PartialPolicy: String, Sendable, Equatable, CaseIterable {
    /// Exit 0; the skips are counted in the summary, the logs and the metrics file.
    case `continue`
    /// Publish what was read, then exit 65 naming the skips.
    case fail
}

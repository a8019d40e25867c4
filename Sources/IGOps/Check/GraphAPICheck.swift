import Foundation
import IGCore
import IGEngine
import IGGraph

/// Tries each stream a pipeline switches on once against the API, as a run would ask: the profile, the first
/// media page with carousel children, one insights request per kind of media seen there (and of the story), one
/// comments page with replies, one story, and one day of account insights.
///
/// Nothing is written. A stream the run cannot get past ends in a result with `failure`; after a failure of the
/// whole source (the token refused, the API throttling or down) the later streams are not tried, as a run would
/// not reach them either.
public struct GraphAPICheck: PreflightCheck {
    /// The client of the account checked.
    public var client: any GraphFetching
    /// The account as the pipeline names it (`me` or a user id).
    public var account: String
    public var extract: ExtractConfig
    /// Today, which sets the day of account insights asked for (yesterday, as a run's last window ends today).
    public var now: Date

    /// Creates the check of `account`'s streams.
    public init(client: any GraphFetching, account: String, extract: ExtractConfig, now: Date) {
        self.client = client
        self.account = account
        self.extract = extract
        self.now = now
    }

    /// What one stream's check hands on to the next: the profile's `media_count`, the first media page, a story.
    struct Findings {
        var mediaCount: Int64?
        var media: [JSONObject]?
        var story: JSONObject?
    }

    public func run() async -> [CheckResult] {
        var results: [CheckResult] = []
        var findings = Findings()
        for stream in extract.streams {
            if let stop = results.first(where: { Self.stopsEverything($0.failure) }) {
                results.append(
                    CheckResult(
                        name: stream.rawValue,
                        status: .unchecked,
                        summary: "not tried: a run stops at \(stop.name) before it gets here"
                    )
                )
                continue
            }
            results.append(await check(stream, &findings))
        }
        return results
    }

    private func check(_ stream: StreamKind, _ findings: inout Findings) async -> CheckResult {
        switch stream {
        case .profile: await checkProfile(extract.profile?.fields ?? [], &findings)
        case .media: await checkMedia(extract.media ?? MediaConfig(), &findings)
        case .stories: await checkStories(extract.stories?.fields ?? [], &findings)
        case .mediaInsights: await checkMediaInsights(extract.mediaInsights?.metrics ?? [], findings)
        case .accountInsights: await checkAccountInsights(extract.accountInsights ?? AccountInsightsConfig())
        case .comments: await checkComments(extract.comments ?? CommentsConfig(), findings)
        }
    }

    /// Whether `failure` concerns the whole source, so that a run ends there: a refused token, throttling beyond
    /// the wait allowed, an API still failing after every retry. A missing permission or a refused request
    /// concerns one stream, and the later streams are still worth trying.
    static func stopsEverything(_ failure: (any Error)?) -> Bool {
        guard let failure else { return false }
        guard let error = failure as? GraphError else { return true }
        switch error.category {
        case .auth, .throttled, .transient, .reduceData: return true
        case .permission, .cursor, .other, .badData: return false
        }
    }

    /// The result of a stream whose request a run cannot get past.
    static func stopped(_ stream: StreamKind, _ error: any Error, asking request: String) -> CheckResult {
        CheckResult(name: stream.rawValue, status: .refused, summary: "\(request) was refused", failure: error)
    }

    // MARK: Profile, media, stories

    private func checkProfile(_ fields: [String], _ findings: inout Findings) async -> CheckResult {
        var profile: JSONObject
        do {
            profile = try await client.object(account, parameters: [("fields", fields.joined(separator: ","))])
        } catch {
            return Self.stopped(.profile, error, asking: "GET \(account)")
        }
        if profile["user_id"] == nil, let first = profile["data"]?.arrayValue?.first?.objectValue {
            profile = first
        }
        findings.mediaCount = profile["media_count"]?.intValue
        let username = profile["username"]?.stringValue.map { "@\($0)" } ?? "the account"
        let userID = Self.id(profile["user_id"]).map { " (user_id \($0))" } ?? ""
        let missing = fields.filter { profile[$0] == nil }
        var result = CheckResult(
            name: StreamKind.profile.rawValue,
            status: .ok,
            summary: "\(username)\(userID): \(fields.count - missing.count) of \(fields.count) fields"
        )
        if !missing.isEmpty {
            result.notes.append(
                "not sent: \(missing.joined(separator: ", ")) (the API leaves out fields it has no value for)"
            )
        }
        return result
    }

    private func checkMedia(_ config: MediaConfig, _ findings: inout Findings) async -> CheckResult {
        let page: EdgePage
        do {
            page = try await client.page(
                "\(account)/media",
                parameters: [("fields", FieldList.media(config.fields, children: config.children))],
                limit: config.pageSize,
                after: nil
            )
        } catch {
            return Self.stopped(.media, error, asking: "GET \(account)/media")
        }
        findings.media = page.data
        var result = CheckResult(name: StreamKind.media.rawValue, status: .ok, summary: "")
        guard !page.data.isEmpty else {
            result.summary = "the media edge answers; the account has no media"
            return result
        }
        let kinds = Self.kinds(of: page.data).map { "\($0.media.count) \($0.label)" }
        result.summary = "\(page.data.count) media on the first page: \(kinds.joined(separator: ", "))"
        let albums = page.data.filter { $0["media_type"]?.stringValue == "CAROUSEL_ALBUM" }
        if !albums.isEmpty, !config.children.isEmpty {
            let children = albums.reduce(0) { $0 + ($1["children"]?.objectValue?["data"]?.arrayValue?.count ?? 0) }
            result.summary += "; \(albums.count) carousel\(albums.count == 1 ? "" : "s") with \(children) children"
        }
        let omitted = config.fields.compactMap { field -> String? in
            let count = page.data.filter { $0[field] == nil }.count
            return count == 0 ? nil : "\(field) on \(count) of \(page.data.count)"
        }
        if !omitted.isEmpty {
            result.notes.append(
                "left out by the API (it omits fields it has no value for): \(omitted.joined(separator: ", "))"
            )
        }
        if let count = findings.mediaCount, count > 10_000 {
            result.notes.append(
                "the profile counts \(count) media, but the API lists only the 10,000 newest: a run warns and "
                    + "counts the older ones as skipped"
            )
        }
        return result
    }

    private func checkStories(_ fields: [String], _ findings: inout Findings) async -> CheckResult {
        let page: EdgePage
        do {
            page = try await client.page(
                "\(account)/stories",
                parameters: [("fields", fields.joined(separator: ","))],
                limit: 1,
                after: nil
            )
        } catch {
            return Self.stopped(.stories, error, asking: "GET \(account)/stories")
        }
        guard let story = page.data.first else {
            return CheckResult(
                name: StreamKind.stories.rawValue,
                status: .ok,
                summary: "the stories edge answers; no story is live now (stories last 24 hours)"
            )
        }
        findings.story = story
        let type = story["media_type"]?.stringValue ?? "media"
        let posted = story["timestamp"]?.stringValue.map { ", posted \($0)" } ?? ""
        return CheckResult(
            name: StreamKind.stories.rawValue,
            status: .ok,
            summary: "read a live story (\(type)\(posted))"
        )
    }

    // MARK: Helpers

    /// A kind of media as the Media Insights API tells them apart: its product type and, for FEED, its media
    /// type, with the media of that kind in page order.
    struct Kind {
        var label: String
        var productType: String?
        var media: [JSONObject]
    }

    /// The kinds of `media`, in the order first seen.
    static func kinds(of media: [JSONObject]) -> [Kind] {
        var kinds: [Kind] = []
        for record in media {
            let productType = record["media_product_type"]?.stringValue
            let label =
                switch productType {
                case "FEED"?, nil: ["FEED", record["media_type"]?.stringValue].compactMap { $0 }.joined(separator: " ")
                case let other?: other
                }
            if let index = kinds.firstIndex(where: { $0.label == label }) {
                kinds[index].media.append(record)
            } else {
                kinds.append(Kind(label: label, productType: productType, media: [record]))
            }
        }
        return kinds
    }

    /// An id as text: the API sends strings, but a number is read too.
    static func id(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: text
        case .int(let number)?: String(number)
        default: nil
        }
    }
}

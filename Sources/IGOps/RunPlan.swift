import Foundation
import IGCore
import IGEngine
import IGStorage

/// What `igexport run --dry-run` prints: the streams with the requests they make, the outputs, and the state
/// file with whether the run would resume. Building it makes no request.
public struct RunPlan: Sendable {
    public let config: PipelineConfig
    public let source: ResolvedSource
    /// The saved state, if any.
    public let state: RunState?
    /// Whether the run was asked to discard an interrupted run.
    public let fresh: Bool
    public let now: Date

    /// Creates the plan of a run of `config` against `source`.
    public init(config: PipelineConfig, source: ResolvedSource, state: RunState?, fresh: Bool, now: Date = Date()) {
        self.config = config
        self.source = source
        self.state = state
        self.fresh = fresh
        self.now = now
    }

    /// The plan, one item a line.
    public var text: String {
        var lines = ["pipeline \(config.name) (\(config.file)): dry run, no request is made"]
        let api = config.source.api == .emulator ? "the built-in emulator" : source.baseURL
        lines.append("api: \(api), \(config.source.apiVersion)")
        lines.append("accounts: \(source.accounts.map(\.id).joined(separator: ", "))")
        lines.append("streams:")
        for stream in config.extract.streams {
            lines.append("  \(stream.rawValue): \(endpoint(stream))")
        }
        lines.append("outputs:")
        for path in outputs {
            lines.append("  \(path)")
        }
        if let storage = config.storage {
            lines.append(
                "storage: \(storage.endpoint) (region \(storage.region), \(storage.addressing.rawValue)-style), "
                    + "objects staged in \(storage.stagingRoot) and uploaded at publish"
            )
        }
        lines.append("state: \(config.checkpoint.path)")
        lines.append("  \(resumption)")
        return lines.joined(separator: "\n")
    }

    /// The request a stream makes, with `{account}` and `{media-id}` standing for the ids.
    func endpoint(_ stream: StreamKind) -> String {
        let version = "/\(config.source.apiVersion)"
        let extract = config.extract
        switch stream {
        case .profile:
            return "GET \(version)/{account}?fields=\((extract.profile?.fields ?? []).joined(separator: ","))"
        case .media:
            guard let media = extract.media else { return "" }
            var text =
                "GET \(version)/{account}/media?fields=\(FieldList.media(media.fields, children: media.children))"
            text += "&limit=\(media.pageSize) (\(media.mode.rawValue)"
            if media.mode == .incremental {
                let newest = source.accounts.compactMap {
                    state?.bookmarks[RunState.key(account: $0.id, stream: .media)]?.newestTimestamp
                }
                text +=
                    newest.isEmpty
                    ? ": no completed run yet, reads everything"
                    : ", from \(newest.sorted().first ?? "") minus \(media.lookback.configText)"
            }
            return text + ")"
        case .stories:
            return
                "GET \(version)/{account}/stories?fields=\((extract.stories?.fields ?? []).joined(separator: ","))&limit=100"
        case .mediaInsights:
            let metrics = extract.mediaInsights?.metrics ?? []
            let list =
                metrics.isEmpty ? "the documented set for each media_product_type" : metrics.joined(separator: ",")
            return "GET \(version)/{media-id}/insights?metric=… for each media (\(list))"
        case .accountInsights:
            guard let insights = extract.accountInsights else { return "" }
            return
                "GET \(version)/{account}/insights?metric=\(insights.metrics.joined(separator: ","))&period=\(insights.period)"
                + "&since=…&until=… (the last \(insights.days) days, 30 at a time)"
        case .comments:
            guard let comments = extract.comments else { return "" }
            return "GET \(version)/{media-id}/comments?fields=\(comments.fields.joined(separator: ","))"
                + "&limit=\(comments.pageSize) for each media with comments"
        }
    }

    /// Every file the run would publish, its path template filled in; `{run}` stays as it is for a new run.
    var outputs: [String] {
        let run = resumedRun
        let context = SinkContext(
            pipeline: config.name,
            runID: run?.id ?? "{run}",
            date: run?.date ?? Timestamp(now).utcDate
        )
        var paths: [String] = []
        for sink in config.load {
            let template = PathTemplate(sink.path)
            let streams = sink.streams.isEmpty ? config.extract.streams : sink.streams
            for stream in streams {
                for account in source.accounts {
                    let path = template.resolve(stream: stream, account: account.id, context: context)
                    let entry = "\(shown(path)) (\(sink.format.rawValue))"
                    if !paths.contains(entry) { paths.append(entry) }
                }
            }
        }
        return paths
    }

    /// `path`, or for a staged `s3://` output the object it is uploaded as.
    private func shown(_ path: String) -> String {
        guard let storage = config.storage,
            let location = ObjectLocation(stagingPath: path, root: storage.stagingRoot)
        else { return path }
        return location.description
    }

    private var resumedRun: RunProgress? {
        fresh ? nil : state?.run
    }

    private var resumption: String {
        guard let run = state?.run else {
            return state == nil ? "no state yet: a new run starts" : "no interrupted run: a new run starts"
        }
        let detail = "run \(run.id), \(run.phase.rawValue), \(run.pages) pages committed"
        return fresh ? "--fresh discards the interrupted \(detail)" : "resumes the interrupted \(detail)"
    }
}

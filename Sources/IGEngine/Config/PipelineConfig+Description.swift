import Foundation
import IGCore
import IGGraph
import IGStorage

extension PipelineConfig {
    /// The resolved pipeline as YAML, defaults filled in and every token shown only by its source.
    public var resolvedDescription: String {
        var lines = ["version: \(version)", "name: \(name)", "source:"]
        switch source.api {
        case .emulator:
            lines.append("  api: emulator")
            let emulator = source.emulator
            lines.append(
                "  emulator: {seed: \(emulator.seed), accounts: \(emulator.accounts), media: \(emulator.media), "
                    + "faults: \(quoted(emulator.faults)), latency: \(emulator.latency.configText), "
                    + "profile: \(emulator.profile.rawValue), behaviour: \(quoted(emulator.behaviour))}"
            )
        case .url(let url):
            lines.append("  api: \(url)")
        }
        lines.append("  api_version: \(source.apiVersion)")
        lines.append("  token: \(source.token.map(redacted) ?? "(from the emulator)")")
        lines.append("  accounts:")
        for account in source.accounts {
            lines.append("    - {id: \(account.id)\(account.token.map { ", token: \(redacted($0))" } ?? "")}")
        }
        lines.append(
            "  auth: {auto_refresh: \(source.auth.autoRefresh), refresh_before: \(source.auth.refreshBefore.configText)}"
        )
        lines.append("http:")
        lines.append("  timeout: \(http.timeout.configText)")
        lines.append("  connect_timeout: \(http.connectTimeout.configText)")
        let retry = http.retry
        lines.append(
            "  retry: {max_attempts: \(retry.maxAttempts), base_delay: \(retry.baseDelay.configText), "
                + "max_delay: \(retry.maxDelay.configText), max_wait: \(retry.maxWait.configText)}"
        )
        lines.append("  concurrency: \(http.concurrency)")
        lines.append("  max_body: \(http.maxBody)")
        lines.append("extract:")
        if let profile = extract.profile { lines.append("  profile: {fields: \(list(profile.fields))}") }
        if let media = extract.media {
            lines.append("  media:")
            lines.append("    fields: \(list(media.fields))")
            lines.append("    children: \(list(media.children))")
            lines.append("    page_size: \(media.pageSize)")
            lines.append("    mode: \(media.mode.rawValue)")
            lines.append("    lookback: \(media.lookback.configText)")
        }
        if let stories = extract.stories { lines.append("  stories: {fields: \(list(stories.fields))}") }
        if let insights = extract.mediaInsights {
            lines.append(
                "  media_insights: {metrics: \(insights.metrics.isEmpty ? "(by media_product_type)" : list(insights.metrics)), "
                    + "shape: \(insights.shape.rawValue)}"
            )
        }
        if let insights = extract.accountInsights {
            lines.append(
                "  account_insights: {metrics: \(list(insights.metrics)), totals: \(list(insights.totals)), "
                    + "period: \(insights.period), days: \(insights.days)}"
            )
        }
        if let comments = extract.comments {
            lines.append(
                "  comments: {fields: \(list(comments.fields)), page_size: \(comments.pageSize), replies: \(comments.replies)}"
            )
        }
        lines.append(transform.isEmpty ? "transform: []" : "transform:")
        for step in transform { lines.append("  - \(describe(step))") }
        lines.append("load:")
        for sink in load { lines.append("  - \(describe(sink))") }
        if let catalog { lines.append("catalog: {path: \(shown(catalog.path))}") }
        if let manifest { lines.append("manifest: {path: \(shown(manifest.path))}") }
        if let storage {
            lines += [
                "storage:",
                "  endpoint: \(storage.endpoint)",
                "  region: \(storage.region)",
                "  addressing: \(storage.addressing.rawValue)",
                "  access_key: \(redacted(storage.credentials.accessKey))",
                "  secret_key: \(redacted(storage.credentials.secretKey))",
            ]
            if let token = storage.credentials.sessionToken { lines.append("  session_token: \(redacted(token))") }
            lines.append("  multipart_threshold: \(storage.multipartThreshold)")
            lines.append("  part_size: \(storage.partSize)  # s3:// outputs are staged in \(storage.stagingRoot)")
        }
        lines.append("on_partial: \(onPartial.rawValue)")
        lines.append(
            "checkpoint: {path: \(checkpoint.path), durability: \(checkpoint.durability.rawValue), "
                + "cursor_ttl: \(checkpoint.cursorTTL.configText)}"
        )
        return lines.joined(separator: "\n")
    }

    private func redacted(_ secret: Secret) -> String { "\(quoted(secret.source))  # resolved, <redacted>" }

    /// An output path as the pipeline names it: `s3://BUCKET/KEY` for a file staged for upload.
    private func shown(_ path: String) -> String {
        guard let storage, let location = ObjectLocation(stagingPath: path, root: storage.stagingRoot) else {
            return path
        }
        return location.description
    }

    private func list(_ items: [String]) -> String { "[\(items.joined(separator: ", "))]" }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private func describe(_ step: TransformStep) -> String {
        switch step {
        case .normalize(let options): "normalize: {run_fields: \(options.runFields)}"
        case .select(let fields): "select: \(list(fields))"
        case .drop(let fields): "drop: \(list(fields))"
        case .rename(let renames): "rename: {\(renames.map { "\($0.from): \($0.to)" }.joined(separator: ", "))}"
        case .filter(let condition):
            "filter: \(quoted("\(condition.field) \(condition.op.rawValue) \(condition.op == .isIn || condition.op == .notIn ? list(condition.values) : condition.values.joined())"))"
        case .hashtags(let extraction): "hashtags: {from: \(extraction.from), to: \(extraction.to)}"
        case .mentions(let extraction): "mentions: {from: \(extraction.from), to: \(extraction.to)}"
        case .truncate(let truncation):
            "truncate: {field: \(truncation.field), max_length: \(truncation.maxLength), ellipsis: \(quoted(truncation.ellipsis))}"
        }
    }

    private func describe(_ sink: SinkConfig) -> String {
        var parts = ["path: \(quoted(shown(sink.path)))", "streams: \(list(sink.streams.map(\.rawValue)))"]
        switch sink.format {
        case .csv:
            parts.append("columns: \(sink.csv.columns.isEmpty ? "(the stream's fields)" : list(sink.csv.columns))")
            parts.append("dialect: \(sink.csv.dialect.rawValue)")
            parts.append("array_separator: \(sink.csv.arraySeparator.map(quoted) ?? "(JSON text)")")
            parts.append("header: \(sink.csv.header)")
        case .rss, .atom, .jsonfeed:
            let feed = sink.feed
            parts.append("title: \(feed.title.map(quoted) ?? "(from the profile)")")
            parts.append("link: \(feed.link ?? "(from the profile)")")
            if let description = feed.description { parts.append("description: \(quoted(description))") }
            if let selfLink = feed.selfLink { parts.append("self_link: \(selfLink)") }
            parts.append("max_items: \(feed.maxItems)")
            if sink.format == .rss { parts.append("ttl: \(feed.ttl)") }
            parts.append("guid: \(feed.guid.rawValue)")
            if feed.guid == .id { parts.append("tag_authority: \(feed.tagAuthority)") }
        case .files:
            let files = sink.files
            parts[0] = "path: \(quoted(shown(files.template))), manifest: \(quoted(shown(sink.path)))"
            parts.append("thumbnails: \(files.thumbnails), children: \(files.children)")
            parts.append("concurrency: \(files.concurrency), max_bytes_per_second: \(files.maxBytesPerSecond)")
            parts.append("max_file_bytes: \(files.maxFileBytes)")
            if let base = files.baseURL { parts.append("base_url: \(base)") }
        case .ndjson, .xml:
            break
        }
        return "\(sink.format.rawValue): {\(parts.joined(separator: ", "))}"
    }
}

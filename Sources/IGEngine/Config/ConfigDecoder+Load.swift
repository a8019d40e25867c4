import IGGraph

extension ConfigDecoder {
    func sinks(_ node: ConfigNode, extract: ExtractConfig, staging: String) throws(ConfigError) -> [SinkConfig] {
        let list = try node.list()
        guard !list.isEmpty else { throw node.error("expected at least one writer") }
        var result: [SinkConfig] = []
        for item in list {
            let (name, options) = try item.tagged(allowed: SinkConfig.Format.allCases.map(\.rawValue), what: "writer")
            guard let value = options, let format = SinkConfig.Format(rawValue: name) else {
                throw item.error("the \(name) writer needs options, at least `path`")
            }
            if format == .files, result.contains(where: { $0.format == .files }) {
                throw item.error("one files writer archives the media; merge its options into the first")
            }
            let sink = try self.sink(format, value, extract: extract, staging: staging)
            if let twin = result.first(where: { $0.path == sink.path }) {
                throw value.error("writes to \(sink.path), like the earlier \(twin.format.rawValue) writer")
            }
            result.append(sink)
        }
        return result
    }

    private func sink(
        _ format: SinkConfig.Format,
        _ node: ConfigNode,
        extract: ExtractConfig,
        staging: String
    ) throws(ConfigError) -> SinkConfig {
        if format == .files { return try filesSink(node, extract: extract, staging: staging) }
        let common = ["path", "stream", "streams"]
        let specific: [String] =
            switch format {
            case .ndjson, .xml: ["compression"]
            case .csv: ["columns", "dialect", "array_separator", "header", "compression"]
            case .rss: ConfigDecoder.feedKeys + ["ttl"]
            case .atom, .jsonfeed: ConfigDecoder.feedKeys
            case .files: []
            }
        let keys = try node.mapping(allowed: common + specific)
        guard let pathNode = keys["path"] else { throw node.error("missing key 'path'") }
        let path = try stagedPath(try pathNode.nonEmptyString(), at: pathNode, staging: staging)
        try checkTemplate(path, at: pathNode)
        try writableFolder(for: path, at: pathNode)

        // NDJSON and XML take every stream by default; the other writers are made for the media.
        let streams = try self.streams(keys) ?? (format == .ndjson || format == .xml ? extract.streams : [.media])
        for stream in streams where !extract.streams.contains(stream) {
            throw (keys["stream"] ?? keys["streams"] ?? node).error(
                "stream '\(stream.rawValue)' is not extracted; add it under `extract:`"
            )
        }
        if streams.count > 1 && !path.contains("{stream}") {
            throw pathNode.error("this writer takes several streams: put {stream} in its path so each gets a file")
        }
        var sink = SinkConfig(format: format, streams: streams, path: path)
        if !format.isFeed {
            sink.compression = try keys["compression"]?.oneOf(OutputCompression.self) ?? .implied(by: path)
        }
        if format.isFeed, path.contains("{record_") {
            throw pathNode.error("a feed is one document: {record_date} and {record_month} are for NDJSON, CSV and XML")
        }
        switch format {
        case .csv:
            if let columns = keys["columns"] { sink.csv.columns = try columns.stringList() }
            if let dialect = keys["dialect"] { sink.csv.dialect = try dialect.oneOf(CSVDialect.self) }
            if let separator = keys["array_separator"] { sink.csv.arraySeparator = try separator.nonEmptyString() }
            if let header = keys["header"] {
                sink.csv.header = try header.bool()
                if !sink.csv.header && sink.csv.columns.isEmpty {
                    throw header.error(
                        "a CSV without a header needs `columns`, or a resumed file could not know its own"
                    )
                }
            }
        case .rss, .atom, .jsonfeed:
            guard streams == [.media] else {
                throw (keys["stream"] ?? keys["streams"] ?? node).error("a feed is made of the media stream")
            }
            if extract.profile != nil { sink.streams = [.profile, .media] }
            sink.feed = try feedOptions(format, keys, at: node)
            sink.feed.keepsPublishedItems = extract.media?.mode == .incremental
        case .ndjson, .xml, .files:
            break
        }
        return sink
    }

    private static let feedKeys = [
        "title", "link", "description", "self_link", "max_items", "guid", "tag_authority", "type_markers",
    ]

    private func feedOptions(
        _ format: SinkConfig.Format,
        _ keys: [String: ConfigNode],
        at node: ConfigNode
    ) throws(ConfigError) -> FeedOptions {
        var feed = FeedOptions()
        if let title = keys["title"] { feed.title = try title.nonEmptyString() }
        if let link = keys["link"] { feed.link = try absoluteURL(link) }
        if let description = keys["description"] { feed.description = try description.string() }
        if let selfLink = keys["self_link"] { feed.selfLink = try absoluteURL(selfLink) }
        if let maxItems = keys["max_items"] { feed.maxItems = try maxItems.int(in: 1...10_000) }
        if let ttl = keys["ttl"] { feed.ttl = try ttl.int(in: 1...100_000) }
        if let guid = keys["guid"] { feed.guid = try guid.oneOf(FeedOptions.GuidForm.self) }
        if let authority = keys["tag_authority"] {
            feed.tagAuthority = try authority.nonEmptyString()
            guard TagURI.isValidAuthority(feed.tagAuthority) else {
                throw authority.error(
                    "expected DOMAIN,DATE in lower case, such as `example.com,2025` or `example.com,2025-01-31` "
                        + "(RFC 4151): a domain you owned on that date"
                )
            }
        }
        if let markers = keys["type_markers"] {
            let names = try markers.mapping(allowed: ["image", "video", "reel", "carousel"])
            if let image = names["image"] { feed.typeMarkers.image = try image.nonEmptyString() }
            if let video = names["video"] { feed.typeMarkers.video = try video.nonEmptyString() }
            if let reel = names["reel"] { feed.typeMarkers.reel = try reel.nonEmptyString() }
            if let carousel = names["carousel"] { feed.typeMarkers.carousel = try carousel.nonEmptyString() }
        }
        // RFC 4287 asks an Atom feed for the URL it lives at; igexport writes a file and cannot know where it
        // will be served, so the user says it.
        if format == .atom && feed.selfLink == nil {
            throw node.error(
                "an Atom feed needs `self_link`, the absolute URL it will be published at (atom:link rel=\"self\")"
            )
        }
        return feed
    }

    private func checkTemplate(_ path: String, at node: ConfigNode) throws(ConfigError) {
        let known = ["pipeline", "stream", "account", "date", "run", "record_date", "record_month"]
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw node.error("unclosed '{' in the path template")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard known.contains(name) else {
                throw node.error("unknown placeholder {\(name)}; valid: {\(known.joined(separator: "}, {"))}")
            }
            rest = rest[rest.index(after: close)...]
        }
    }

    func absoluteURL(_ node: ConfigNode) throws(ConfigError) -> String {
        let text = try node.nonEmptyString()
        guard text.hasPrefix("https://") || text.hasPrefix("http://") else {
            throw node.error("expected an absolute http(s) URL")
        }
        return text
    }

    /// The streams a writer's `stream` or `streams` key names; `nil` when it has neither.
    func streams(_ keys: [String: ConfigNode]) throws(ConfigError) -> [StreamKind]? {
        if let one = keys["stream"] {
            guard keys["streams"] == nil else { throw one.error("use either 'stream' or 'streams', not both") }
            return [try one.oneOf(StreamKind.self)]
        }
        guard let many = keys["streams"] else { return nil }
        var streams: [StreamKind] = []
        for item in try many.list() { streams.append(try item.oneOf(StreamKind.self)) }
        return streams
    }
}

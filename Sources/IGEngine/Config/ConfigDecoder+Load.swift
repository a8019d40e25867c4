import IGGraph

extension ConfigDecoder {
    func sinks(_ node: ConfigNode, extract: ExtractConfig) throws(ConfigError) -> [SinkConfig] {
        let list = try node.list()
        guard !list.isEmpty else { throw node.error("expected at least one writer") }
        var result: [SinkConfig] = []
        for item in list {
            let (name, options) = try item.tagged(allowed: SinkConfig.Format.allCases.map(\.rawValue), what: "writer")
            guard let value = options, let format = SinkConfig.Format(rawValue: name) else {
                throw item.error("the \(name) writer needs options, at least `path`")
            }
            let sink = try self.sink(format, value, extract: extract)
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
        extract: ExtractConfig
    ) throws(ConfigError) -> SinkConfig {
        let common = ["path", "stream", "streams"]
        let specific: [String] =
            switch format {
            case .ndjson, .xml: []
            case .csv: ["columns", "dialect", "array_separator", "header"]
            case .rss: ["title", "link", "description", "self_link", "max_items", "ttl"]
            }
        let keys = try node.mapping(allowed: common + specific)
        guard let pathNode = keys["path"] else { throw node.error("missing key 'path'") }
        let path = try pathNode.nonEmptyString()
        try checkTemplate(path, at: pathNode)
        try writableFolder(for: path, at: pathNode)

        var streams: [StreamKind]
        if let one = keys["stream"] {
            guard keys["streams"] == nil else { throw one.error("use either 'stream' or 'streams', not both") }
            streams = [try one.oneOf(StreamKind.self)]
        } else if let many = keys["streams"] {
            streams = []
            for item in try many.list() { streams.append(try item.oneOf(StreamKind.self)) }
        } else {
            streams =
                switch format {
                case .ndjson, .xml: extract.streams
                case .csv: [.media]
                case .rss: [.media]
                }
        }
        for stream in streams where !extract.streams.contains(stream) {
            throw (keys["stream"] ?? keys["streams"] ?? node).error(
                "stream '\(stream.rawValue)' is not extracted; add it under `extract:`"
            )
        }
        if streams.count > 1 && !path.contains("{stream}") {
            throw pathNode.error("this writer takes several streams: put {stream} in its path so each gets a file")
        }
        var sink = SinkConfig(format: format, streams: streams, path: path)
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
        case .rss:
            guard streams == [.media] else {
                throw (keys["stream"] ?? keys["streams"] ?? node).error("an RSS feed is made of the media stream")
            }
            if extract.profile != nil { sink.streams = [.profile, .media] }
            if let title = keys["title"] { sink.rss.title = try title.nonEmptyString() }
            if let link = keys["link"] { sink.rss.link = try absoluteURL(link) }
            if let description = keys["description"] { sink.rss.description = try description.string() }
            if let selfLink = keys["self_link"] { sink.rss.selfLink = try absoluteURL(selfLink) }
            if let maxItems = keys["max_items"] { sink.rss.maxItems = try maxItems.int(in: 1...10_000) }
            if let ttl = keys["ttl"] { sink.rss.ttl = try ttl.int(in: 1...100_000) }
        case .ndjson, .xml:
            break
        }
        return sink
    }

    private func checkTemplate(_ path: String, at node: ConfigNode) throws(ConfigError) {
        let known = ["pipeline", "stream", "account", "date", "run"]
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

    private func absoluteURL(_ node: ConfigNode) throws(ConfigError) -> String {
        let text = try node.nonEmptyString()
        guard text.hasPrefix("https://") || text.hasPrefix("http://") else {
            throw node.error("expected an absolute http(s) URL")
        }
        return text
    }
}

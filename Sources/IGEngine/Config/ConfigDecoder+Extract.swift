extension ConfigDecoder {
    func extract(_ node: ConfigNode) throws(ConfigError) -> ExtractConfig {
        let keys = try node.mapping(allowed: StreamKind.allCases.map(\.rawValue))
        var extract = ExtractConfig()
        if let profile = keys["profile"] {
            var config = ProfileConfig()
            if let options = try options(profile, allowed: ["fields"]) {
                if let fields = options["fields"] { config.fields = try fieldList(fields) }
            }
            extract.profile = config
        }
        if let media = keys["media"] {
            var config = MediaConfig()
            let options = try options(media, allowed: ["fields", "children", "page_size", "mode", "lookback"])
            if let options {
                if let fields = options["fields"] { config.fields = try fieldList(fields) }
                if let children = options["children"] { config.children = try children.stringList() }
                if let pageSize = options["page_size"] { config.pageSize = try pageSize.int(in: 1...100) }
                if let mode = options["mode"] { config.mode = try mode.oneOf(ExtractMode.self) }
                if let lookback = options["lookback"] { config.lookback = try lookback.duration() }
            }
            if !config.fields.contains("id") || !config.fields.contains("timestamp") {
                throw (options?["fields"] ?? media).error(
                    "media fields must include id and timestamp (checkpoints and resume rely on them)"
                )
            }
            extract.media = config
        }
        if let stories = keys["stories"] {
            var config = StoriesConfig()
            let options = try options(stories, allowed: ["fields"])
            if let fields = options?["fields"] {
                config.fields = try fieldList(fields)
            }
            if !config.fields.contains("id") || !config.fields.contains("timestamp") {
                throw (options?["fields"] ?? stories).error(
                    "stories fields must include id and timestamp (checkpoints and resume rely on them)"
                )
            }
            extract.stories = config
        }
        if let insights = keys["media_insights"] {
            var config = MediaInsightsConfig()
            if let options = try options(insights, allowed: ["metrics", "shape"]) {
                if let metrics = options["metrics"] { config.metrics = try fieldList(metrics) }
                if let shape = options["shape"] { config.shape = try shape.oneOf(InsightsShape.self) }
            }
            extract.mediaInsights = config
        }
        if let insights = keys["account_insights"] {
            var config = AccountInsightsConfig()
            if let options = try options(insights, allowed: ["metrics", "totals", "period", "days"]) {
                if let metrics = options["metrics"] { config.metrics = try fieldList(metrics) }
                if let totals = options["totals"] { config.totals = try totals.stringList() }
                if let period = options["period"] {
                    config.period = try period.string()
                    guard config.period == "day" else { throw period.error("only `day` is supported") }
                }
                if let days = options["days"] {
                    config.days = try days.int(in: 1...AccountInsightsConfig.retentionDays)
                }
            }
            extract.accountInsights = config
        }
        if let comments = keys["comments"] {
            var config = CommentsConfig()
            if let options = try options(comments, allowed: ["fields", "page_size", "replies"]) {
                if let fields = options["fields"] { config.fields = try fieldList(fields) }
                if let replies = options["replies"] { config.replies = try replies.bool() }
                if let pageSize = options["page_size"] { config.pageSize = try pageSize.int(in: 1...100) }
            }
            extract.comments = config
        }
        if (extract.mediaInsights != nil || extract.comments != nil) && extract.media == nil {
            throw node.error("media_insights and comments are read per media: switch on `media` too")
        }
        return extract
    }

    /// A stream's options: `nil` for `stream:` with no value or `stream: true`, which take the defaults.
    private func options(_ node: ConfigNode, allowed: [String]) throws(ConfigError) -> [String: ConfigNode]? {
        if node.isNull { return nil }
        if node.node.scalar != nil {
            guard try node.bool() else {
                throw node.error("to switch a stream off, remove its key")
            }
            return nil
        }
        return try node.mapping(allowed: allowed)
    }

    private func fieldList(_ node: ConfigNode) throws(ConfigError) -> [String] {
        let fields = try node.stringList()
        guard !fields.isEmpty else { throw node.error("expected at least one field") }
        for (index, field) in fields.enumerated() {
            guard !field.isEmpty, field.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                let place = (try? node.list())?[safe: index] ?? node
                throw place.error("'\(field)' is not a field name (letters, digits and '_')")
            }
        }
        return fields
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}

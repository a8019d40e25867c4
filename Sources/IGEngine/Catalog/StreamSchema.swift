/// The shape of one stream's records as the pipeline writes them, derived from the requested fields and the
/// transform steps before the first record is read, so that it is the same on every run of the same pipeline.
///
/// Every record the pipeline writes validates against it: a column is `required` only when every record has
/// it, and `nullable` when a record may carry `null` there. Types follow the names `normalize` goes by: ids are
/// strings (17–19 digit Graph ids break JSON integer loaders), timestamps RFC 3339 strings, counts integers.
public struct StreamSchema: Sendable, Equatable {
    /// The type of a column's values.
    public indirect enum ColumnType: Sendable, Equatable {
        case string
        /// An RFC 3339 string; `normalized` when `normalize` ran, so that it has the `date-time` form.
        case timestamp(normalized: Bool)
        case integer
        case boolean
        /// A JSON object of any shape (`from`, `owner`).
        case object
        /// Any JSON value: a field two others were renamed onto.
        case any
        /// A list of strings (`hashtags`, `mentions`).
        case strings
        /// A list of objects with these columns (`children` once normalised).
        case records([Column])
        /// A field expansion as the API sends it, `{"data": [objects with these columns]}`.
        case expansion([Column])
    }

    /// One top-level field of a record.
    public struct Column: Sendable, Equatable {
        public var name: String
        public var type: ColumnType
        /// Whether a record may hold `null` here.
        public var nullable: Bool
        /// Whether every record has the field.
        public var required: Bool

        /// Creates a column.
        public init(_ name: String, _ type: ColumnType, nullable: Bool, required: Bool) {
            self.name = name
            self.type = type
            self.nullable = nullable
            self.required = required
        }
    }

    public var stream: StreamKind
    /// The columns in the order records hold them.
    public var columns: [Column]
    /// The columns that identify a record, in order.
    public var key: [String]

    /// Creates a schema.
    public init(stream: StreamKind, columns: [Column], key: [String]) {
        self.stream = stream
        self.columns = columns
        self.key = key
    }

    /// The schema of every stream `config` writes (extracted and taken by at least one sink), in extraction
    /// order.
    public static func written(by config: PipelineConfig) -> [StreamSchema] {
        config.extract.streams
            .filter { stream in config.load.contains { $0.accepts(stream) } }
            .map { StreamSchema(stream: $0, config: config) }
    }

    /// The schema of `stream` under `config`: the extracted shape, then every transform step in order.
    public init(stream: StreamKind, config: PipelineConfig) {
        var schema = StreamSchema.extracted(stream, config.extract)
        for step in config.transform {
            schema.apply(step, requested: config.extract.requestedFields[stream])
        }
        self = schema
    }

    /// The column named `name`, if any.
    public subscript(name: String) -> Column? {
        columns.first { $0.name == name }
    }
}

extension StreamSchema {
    /// The shape the extraction gives records of `stream`, before any transform step.
    static func extracted(_ stream: StreamKind, _ extract: ExtractConfig) -> StreamSchema {
        switch stream {
        case .profile:
            let fields = extract.profile?.fields ?? ProfileConfig().fields
            // The account's own id is always served: it is the node asked for.
            let columns = fields.map { name in
                name == "user_id" ? Column(name, .string, nullable: false, required: true) : requested(name)
            }
            let key = ["user_id", "id"].first { name in fields.contains(name) }
            return StreamSchema(stream: stream, columns: columns, key: key.map { [$0] } ?? [])
        case .media:
            let config = extract.media ?? MediaConfig()
            var columns = config.fields.map { requested($0) }
            if !config.children.isEmpty {
                columns.append(childrenColumn(config.children))
            }
            return StreamSchema(stream: stream, columns: columns, key: ["id"])
        case .stories:
            let fields = extract.stories?.fields ?? StoriesConfig().fields
            return StreamSchema(stream: stream, columns: fields.map { requested($0) }, key: ["id"])
        case .comments:
            let config = extract.comments ?? CommentsConfig()
            var columns = [Column("media_id", .string, nullable: false, required: true)]
            if config.replies {
                columns.append(Column("parent_id", .string, nullable: true, required: true))
            }
            columns += config.fields.filter { !["media_id", "parent_id", "replies"].contains($0) }.map { requested($0) }
            return StreamSchema(stream: stream, columns: columns, key: ["id"])
        case .mediaInsights:
            let config = extract.mediaInsights ?? MediaInsightsConfig()
            let head = [
                Column("media_id", .string, nullable: false, required: true),
                Column("media_product_type", .string, nullable: false, required: true),
            ]
            switch config.shape {
            case .long:
                let columns =
                    head + [
                        Column("metric", .string, nullable: false, required: true),
                        Column("period", .string, nullable: false, required: true),
                        Column("end_time", .timestamp(normalized: false), nullable: true, required: true),
                        Column("value", .integer, nullable: true, required: true),
                        Column("reason", .string, nullable: true, required: true),
                    ]
                return StreamSchema(
                    stream: stream,
                    columns: columns,
                    key: ["media_id", "metric", "period", "end_time"]
                )
            case .wide:
                let metrics = ["FEED", "REELS", "STORY"].flatMap {
                    InsightMetrics.media(productType: $0, configured: config.metrics)
                }
                var columns = head
                for metric in metrics where !columns.contains(where: { $0.name == metric }) {
                    columns.append(Column(metric, .integer, nullable: true, required: false))
                }
                return StreamSchema(stream: stream, columns: columns, key: ["media_id"])
            }
        case .accountInsights:
            let columns = [
                Column("metric", .string, nullable: false, required: true),
                Column("period", .string, nullable: false, required: true),
                Column("end_time", .timestamp(normalized: false), nullable: true, required: true),
                Column("value", .integer, nullable: true, required: true),
            ]
            return StreamSchema(stream: stream, columns: columns, key: ["metric", "period", "end_time"])
        }
    }

    /// A field asked of the API: only `id` is always there; the API leaves out any other it has no value for.
    static func requested(_ name: String) -> Column {
        let type = typeOf(name)
        let always = name == "id"
        return Column(name, type, nullable: !always, required: always)
    }

    /// `children`, as field expansion sends it: the carousel's items with `fields`.
    static func childrenColumn(_ fields: [String]) -> Column {
        Column("children", .expansion(fields.map { requested($0) }), nullable: false, required: false)
    }

    /// The type of a field, by the same name rules as `normalize`, plus the few Graph fields that are neither
    /// strings nor counts.
    static func typeOf(_ name: String) -> ColumnType {
        switch name {
        case "id", "ig_id": return .string
        case "timestamp": return .timestamp(normalized: false)
        case "children": return .expansion([])
        case "is_comment_enabled", "is_shared_to_feed", "hidden": return .boolean
        case "from", "owner", "user", "boost_ads_list", "copyright_check_information": return .object
        default:
            if name.hasSuffix("_id") { return .string }
            if name.hasSuffix("_count") { return .integer }
            if name.hasSuffix("_time") || name.hasSuffix("_timestamp") { return .timestamp(normalized: false) }
            return .string
        }
    }
}

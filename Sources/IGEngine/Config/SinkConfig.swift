/// One writer of `load:`: its format, the streams it takes, where it writes, and format options.
public struct SinkConfig: Sendable, Equatable {
    /// The output formats.
    public enum Format: String, Sendable, Equatable, CaseIterable {
        case ndjson
        case csv
        case xml
        case rss
        case atom
        case jsonfeed
        /// The media archive: downloads the files, writes a manifest of them.
        case files

        /// Whether the format is a feed (`rss`, `atom`, `jsonfeed`), which takes `FeedOptions`.
        public var isFeed: Bool { self == .rss || self == .atom || self == .jsonfeed }
    }

    public var format: Format
    /// The streams this sink writes; empty means every stream (NDJSON and XML only).
    public var streams: [StreamKind]
    /// The output path template: `{pipeline}`, `{stream}`, `{account}`, `{date}`, `{run}`, and the record's
    /// own `{record_date}` and `{record_month}` are replaced.
    public var path: String
    /// How the file is compressed (NDJSON, CSV and XML); by default from the path's extension.
    public var compression = OutputCompression.none
    public var csv = CSVOptions()
    /// Options of the `rss`, `atom` and `jsonfeed` writers.
    public var feed = FeedOptions()
    /// Options of the `files` writer, whose `path` is its manifest.
    public var files = FilesOptions()

    /// Creates a sink.
    public init(format: Format, streams: [StreamKind], path: String) {
        self.format = format
        self.streams = streams
        self.path = path
    }

    /// Whether the sink takes pages of `stream`: the one routing rule of every sink.
    public func accepts(_ stream: StreamKind) -> Bool {
        streams.isEmpty || streams.contains(stream)
    }
}

/// CSV dialects: what the file is for.
public enum CSVDialect: String, Sendable, Equatable, CaseIterable {
    /// No BOM, a header, `\n` line ends: what BigQuery, Snowflake, DuckDB and ClickHouse read by default.
    case warehouse
    /// A UTF-8 BOM, CRLF line ends, and a guard against formula injection, for spreadsheets.
    case excel
}

/// Options of a CSV sink.
public struct CSVOptions: Sendable, Equatable {
    /// Columns as dotted paths (`children.0.media_url`); empty means the stream's configured fields.
    public var columns: [String] = []
    public var dialect = CSVDialect.warehouse
    /// Joins array cells with this separator; `nil` writes arrays as JSON text.
    public var arraySeparator: String?
    /// Writes the header row.
    public var header = true

    /// Creates the default options.
    public init() {}
}

import IGCore
import IGGraph

/// Writes records as newline-delimited JSON: UTF-8 without a BOM, one object per line, `\n` after each, keys
/// in the record's order, ids as strings (after `normalize`) and no NaN, as BigQuery, Snowflake, DuckDB and
/// ClickHouse read it.
public final class NDJSONSink: Sink {
    public let config: SinkConfig
    private let files: SinkFiles

    /// Creates the sink, reopening the partial files of a resumed run.
    public init(config: SinkConfig, context: SinkContext) throws(SinkError) {
        self.config = config
        files = try SinkFiles(config: config, context: context)
    }

    public func write(_ page: Page) throws(SinkError) {
        guard config.accepts(page.stream) else { return }
        for (file, records) in try files.route(page) {
            for record in records {
                try file.write { buffer in
                    record.encodeJSON(into: &buffer)
                    buffer.append(UInt8(ascii: "\n"))
                }
            }
        }
    }

    public var statistics: [String: OutputStats] { files.stats }

    public func commit(sync: Bool) throws(SinkError) -> [String: UInt64] {
        try files.commit(sync: sync)
    }

    public func finish() throws(SinkError) -> [String] {
        _ = try files.fileForEmptyRun(stream: config.streams.first ?? .media)
        return try files.finish { _ in }
    }
}

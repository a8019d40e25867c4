/// Creates the sink for one `load:` entry; a resumed run's partial files are reopened here.
public func makeSink(_ config: SinkConfig, context: SinkContext) throws(SinkError) -> any Sink {
    switch config.format {
    case .ndjson: try NDJSONSink(config: config, context: context)
    case .csv: try CSVSink(config: config, context: context)
    case .xml: try XMLSink(config: config, context: context)
    case .rss, .atom, .jsonfeed: try FeedSink(config: config, context: context)
    case .files: try FilesSink(config: config, context: context)
    }
}

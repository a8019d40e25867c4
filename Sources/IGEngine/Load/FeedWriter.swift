/// One feed format: how `FeedSink` writes a feed's opening, its items and its end.
///
/// Each item is written on a line of its own and starts with bytes that appear nowhere else in the file, so
/// `entries(in:)` reads the items of a feed back without a parser: a resumed run counts its items to keep
/// `max_items`, and an incremental run carries over the items of the feed it replaces.
protocol FeedWriter {
    /// The bytes that end the feed.
    var end: String { get }

    /// The items of a feed this writer wrote, in order.
    func entries(in bytes: [UInt8]) -> [FeedEntry]

    /// Appends items read by `entries(in:)`, after `count` items already in the file.
    func append(_ entries: [FeedEntry], after count: Int, to file: OutputFile) throws(SinkError)

    /// Writes the document's opening and the channel's elements.
    func start(_ channel: FeedChannel, to file: OutputFile) throws(SinkError)

    /// Writes items after `count` items already in the file.
    func write(_ items: [FeedItem], after count: Int, to file: OutputFile) throws(SinkError)
}

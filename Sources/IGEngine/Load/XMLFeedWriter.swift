/// A feed format written as XML (RSS, Atom): an item is one element on a line of its own, and items read
/// back by `entries(in:)` are appended as they were written.
protocol XMLFeedWriter: FeedWriter {
    /// Writes one item's element.
    func write(_ item: FeedItem, to writer: inout XMLWriter)
}

extension XMLFeedWriter {
    func append(_ entries: [FeedEntry], after count: Int, to file: OutputFile) throws(SinkError) {
        try file.write { buffer in
            for entry in entries {
                buffer.append(contentsOf: entry.bytes)
                buffer.append(UInt8(ascii: "\n"))
            }
        }
    }

    func write(_ items: [FeedItem], after count: Int, to file: OutputFile) throws(SinkError) {
        var writer = XMLWriter()
        for item in items {
            write(item, to: &writer)
            writer.raw("\n")
        }
        try writer.drain(into: file)
    }
}

import IGCore
import IGGraph

/// Writes records as one XML document per file (`XMLWriter` escapes as libxml2 does).
///
/// ```xml
/// <?xml version="1.0" encoding="UTF-8"?>
/// <records pipeline="demo" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
/// <record stream="media" account="me"><id>1789</id><children><item><id>1790</id></item></children>…</record>
/// </records>
/// ```
/// One `record` per line; objects become nested elements, arrays repeated `<item>` children, `null` an
/// empty element with `xsi:nil="true"` (so a hidden `like_count` stays distinct from an empty string), and keys
/// that are not safe XML names `<field name="…">` (see `XMLName`). Elements nest at most `maximumDepth` levels
/// deep (xmllint and lxml refuse documents deeper than 256); an array or object at the limit is written as its
/// JSON text instead. The prologue and the closing tag are written
/// as bytes, so a resumed file continues inside its open `records` element.
public final class XMLSink: Sink {
    /// The deepest element nesting written, counting `records` as 1.
    public static let maximumDepth = 64

    public let config: SinkConfig
    private let files: SinkFiles
    /// One writer for every page, so its buffer is allocated once.
    private var writer = XMLWriter()

    /// Creates the sink, reopening the partial files of a resumed run.
    public init(config: SinkConfig, context: SinkContext) throws(SinkError) {
        self.config = config
        files = try SinkFiles(config: config, context: context)
    }

    public func write(_ page: Page) throws(SinkError) {
        guard config.accepts(page.stream) else { return }
        for (file, records) in try files.route(page) {
            try startIfNew(file)
            guard !records.isEmpty else { continue }
            for record in records {
                writer.startElement("record")
                writer.attribute("stream", page.stream.rawValue)
                writer.attribute("account", page.account)
                for member in record.members {
                    XMLSink.write(member.value, key: member.key, depth: 3, to: &writer)
                }
                writer.endElement()
                writer.raw("\n")
            }
            try writer.drain(into: file)
        }
    }

    public var statistics: [String: OutputStats] { files.stats }

    public func commit(sync: Bool) throws(SinkError) -> [String: UInt64] {
        try files.commit(sync: sync)
    }

    public func finish() throws(SinkError) -> [String] {
        _ = try files.fileForEmptyRun(stream: config.streams.first ?? .media)
        return try files.finish { file throws(SinkError) in
            try startIfNew(file)
            try file.write("</records>\n")
        }
    }

    private func startIfNew(_ file: OutputFile) throws(SinkError) {
        guard file.offset == 0 else { return }
        var writer = XMLWriter()
        writer.startDocument()
        writer.startElement("records")
        writer.attribute("pipeline", files.context.pipeline)
        writer.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        writer.raw("\n")
        try writer.drain(into: file)
    }

    /// Writes `value` as an element at nesting `depth`.
    private static func write(_ value: JSONValue, key: String, depth: Int, to writer: inout XMLWriter) {
        if XMLName.isSafe(key) {
            writer.startElement(key)
        } else {
            writer.startElement("field")
            writer.attribute("name", key)
        }
        switch value {
        case .null:
            writer.attribute("xsi:nil", "true")
        case .bool(let flag):
            writer.text(flag ? "true" : "false")
        case .int(let integer):
            writer.text(String(integer))
        case .double(let number):
            if number.isFinite {
                writer.text(number.description)
            } else {
                writer.attribute("xsi:nil", "true")
            }
        case .number(let text):
            writer.text(text)
        case .string(let text):
            writer.text(text)
        case .array where depth >= maximumDepth, .object where depth >= maximumDepth:
            writer.text(value.jsonText)
        case .array(let elements):
            for element in elements {
                write(element, key: "item", depth: depth + 1, to: &writer)
            }
        case .object(let object):
            for member in object.members {
                write(member.value, key: member.key, depth: depth + 1, to: &writer)
            }
        }
        writer.endElement()
    }
}

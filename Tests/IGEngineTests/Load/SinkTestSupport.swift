import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Runs a sink over pages as the runner does: `write` then `commit` for each page, `finish` at the end.
@discardableResult
func run(_ sink: any Sink, _ pages: [Page]) throws -> [String] {
    for page in pages {
        try sink.write(page)
        _ = try sink.commit(sync: false)
    }
    return try sink.finish()
}

/// The hostile account as pages: the profile, then the media in pages of `pageSize`.
func hostilePages(mediaCount: Int = HostileRecords.captions.count, pageSize: Int = 4) -> [Page] {
    let media = HostileRecords.transformedMedia(count: mediaCount)
    var pages = [Page(stream: .profile, account: "me", records: [HostileRecords.transformedProfile()])]
    for start in stride(from: 0, to: media.count, by: pageSize) {
        let end = min(start + pageSize, media.count)
        pages.append(
            Page(
                stream: .media,
                account: "me",
                records: Array(media[start..<end]),
                position: StreamPosition(cursor: "c\(end)")
            )
        )
    }
    return pages
}

func sinkConfig(_ format: SinkConfig.Format, _ path: String, streams: [StreamKind] = []) -> SinkConfig {
    SinkConfig(format: format, streams: streams, path: path)
}

/// A fixed `lastBuildDate`, so feeds written at different times compare byte for byte.
func fixedNow() -> Timestamp { Timestamp(seconds: 1_740_832_496) }

/// Makes a sink; feed sinks get the fixed clock.
func makeTestSink(_ config: SinkConfig, _ context: SinkContext) throws -> any Sink {
    config.format.isFeed
        ? try FeedSink(config: config, context: context, now: fixedNow) : try makeSink(config, context: context)
}

/// Parses XML with Foundation's parser and collects element names and text, or throws if not well-formed.
final class XMLProbe: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var attributes: [[String: String]] = []
    var texts: [String: [String]] = [:]
    /// The deepest element nesting seen, the root counting as 1.
    var maximumDepth = 0
    private var current = ""
    private var stack: [String] = []

    static func parse(_ bytes: [UInt8]) throws -> XMLProbe {
        let probe = XMLProbe()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = probe
        guard parser.parse() else {
            throw parser.parserError ?? NSError(domain: "XMLProbe", code: 1)
        }
        return probe
    }

    func count(_ name: String) -> Int { elements.filter { $0 == name }.count }

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        elements.append(elementName)
        attributes.append(attributeDict)
        stack.append(elementName)
        maximumDepth = max(maximumDepth, stack.count)
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current += string
    }

    func parser(
        _ parser: XMLParser,
        didEndElement elementName: String,
        namespaceURI: String?,
        qualifiedName qName: String?
    ) {
        texts[elementName, default: []].append(current)
        current = ""
        stack.removeLast()
    }
}

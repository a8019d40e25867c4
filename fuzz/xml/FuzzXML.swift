import Foundation
import IGCore
import IGEngine

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// XML writer: any record (the input as JSON; a non-object is wrapped as `{"value": …}`) yields a well-formed
/// document, read back by Foundation's parser, no deeper than `XMLSink.maximumDepth`.
// Also exported under the name libFuzzer links against.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let value = try? JSONParser.parse(UnsafeRawBufferPointer(start: start, count: count)) else { return 0 }
    let record = value.objectValue ?? JSONObject([("value", value)])
    let folder = FuzzFolder()
    defer { folder.remove() }
    let path = folder.path + "/out.xml"
    do {
        let sink = try makeSink(
            SinkConfig(format: .xml, streams: [], path: path),
            context: SinkContext(pipeline: "fuzz", runID: "r", date: "2025-01-01")
        )
        try sink.write(Page(stream: .media, account: "me", records: [record]))
        _ = try sink.commit(sync: false)
        _ = try sink.finish()
    } catch {
        fatalError("the XML sink failed: \(error)")
    }
    guard let data = FileManager.default.contents(atPath: path) else { fatalError("no output at \(path)") }
    let depth = DepthProbe()
    let parser = XMLParser(data: data)
    parser.delegate = depth
    guard parser.parse() else {
        fatalError(
            "not well-formed (\(String(describing: parser.parserError))): \(String(decoding: data, as: UTF8.self))"
        )
    }
    guard depth.maximum <= XMLSink.maximumDepth else { fatalError("nested \(depth.maximum) elements deep") }
    return 0
}

/// Records the deepest element nesting.
final class DepthProbe: NSObject, XMLParserDelegate {
    var depth = 0
    var maximum = 0

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        depth += 1
        maximum = max(maximum, depth)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
    }
}

/// A fresh folder per input, removed after it.
struct FuzzFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "igexport-fuzz-\(getpid())-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

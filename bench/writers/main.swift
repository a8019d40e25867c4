import Foundation
import IGCore
import IGEngine

// Measures records per second, on one core, for the transform and for each writer, on synthetic media records
// shaped like real ones: short captions with emoji, 2,200-character captions, carousels of 2 to 10 children,
// hidden like counts and withheld URLs. Run: swift run -c release igexport-bench [records]

let recordCount = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 200_000
/// Runs only the measurements whose name contains this, for profiling one of them.
let only = CommandLine.arguments.dropFirst(2).first
let pageSize = 100

let captions = [
    "Golden hour at the beach 🌅🏖️ #sunset #travel #café with @friend.one",
    "Line one\nline two with \"quotes\", commas, and <markup> & more #日本 #fotografia",
    String(String(repeating: "A very long caption that goes on 😀 #longread ", count: 48).prefix(2200)),
    "",
    "مرحبا بالعالم #سفر — שלום עולם @someone",
]

func syntheticMedia(_ index: Int) -> Record {
    var record = Record()
    record.append("id", .string(String(17_900_000_000_000_000 + index)))
    if index % 7 != 3 { record.append("caption", .string(captions[index % captions.count])) }
    let kind = index % 3
    record.append("media_type", .string(["IMAGE", "VIDEO", "CAROUSEL_ALBUM"][kind]))
    record.append("media_product_type", .string(kind == 1 ? "REELS" : "FEED"))
    if index % 11 != 5 {
        record.append(
            "media_url",
            .string("https://scontent.cdninstagram.com/v/t51.29350-15/\(index)_n.jpg?stp=dst&_nc_ht=x")
        )
    }
    record.append("permalink", .string("https://www.instagram.com/p/C\(index)AbCdEf/"))
    if kind == 1 { record.append("thumbnail_url", .string("https://scontent.cdninstagram.com/t/\(index).jpg")) }
    record.append("timestamp", .string("2025-03-01T12:34:\(String(format: "%02d", index % 60))+0000"))
    record.append("username", "bench.account")
    if index % 5 != 0 { record.append("like_count", .int(Int64(index % 5000))) }
    record.append("comments_count", .int(Int64(index % 300)))
    if kind == 2 {
        let children: [JSONValue] = (0..<(2 + index % 9)).map { child in
            [
                "id": .string(String(18_000_000_000_000_000 + index * 10 + child)),
                "media_type": child % 3 == 1 ? "VIDEO" : "IMAGE",
                "media_url": .string("https://scontent.cdninstagram.com/c/\(index)-\(child).jpg"),
            ]
        }
        record.append("children", ["data": .array(children)])
    }
    return record
}

func measure(_ name: String, records: Int, bytes: () -> Int = { 0 }, _ body: () throws -> Void) rethrows {
    if let only, !name.contains(only) { return }
    let clock = ContinuousClock()
    let elapsed = try clock.measure(body)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Double(records) / seconds
    let size = bytes()
    let throughput = size > 0 ? String(format: ", %.1f MB/s", Double(size) / seconds / 1e6) : ""
    let label = name.padding(toLength: 30, withPad: " ", startingAt: 0)
    print(label + String(format: "%9.0f records/s  (%d records in %.3f s", rate, records, seconds) + throughput + ")")
}

let raw = (0..<recordCount).map(syntheticMedia)
let account = AccountContext(accountID: "17841400000000001", username: "bench.account")
let transformer = Transformer(
    steps: [
        .normalize(NormalizeOptions()), .hashtags(TextExtraction(to: "hashtags")),
        .mentions(TextExtraction(to: "mentions")),
    ],
    runID: "bench",
    extractedAt: Date()
)
let rawPages = stride(from: 0, to: raw.count, by: pageSize).map { start in
    Page(stream: .media, account: "me", records: Array(raw[start..<min(start + pageSize, raw.count)]))
}

print("igexport-bench: \(recordCount) synthetic media records, pages of \(pageSize), one core")

/// A page body as Graph sends it: `/` escaped as `\/` and every non-ASCII character as `\uXXXX` (both occur only
/// inside strings, so the whole text can be rewritten byte by byte).
func graphBody(_ page: Page) -> [UInt8] {
    var compact: [UInt8] = []
    let document: JSONValue = ["data": .array(page.records.map(JSONValue.object))]
    document.encodeJSON(into: &compact)
    var body: [UInt8] = []
    body.reserveCapacity(compact.count * 2)
    for scalar in String(decoding: compact, as: UTF8.self).unicodeScalars {
        if scalar == "/" {
            body.append(contentsOf: Array(#"\/"#.utf8))
        } else if scalar.isASCII {
            body.append(UInt8(scalar.value))
        } else {
            for unit in String(scalar).utf16 {
                body.append(contentsOf: Array(String(format: "\\u%04x", unit).utf8))
            }
        }
    }
    return body
}
let bodies = rawPages.map(graphBody)
let bodyBytes = bodies.reduce(0) { $0 + $1.count }
try measure("parse (Graph page bodies)", records: recordCount, bytes: { bodyBytes }) {
    for body in bodies { _ = try JSONParser.parse(body) }
}
var pages: [Page] = []
measure("transform (normalize+tags)", records: recordCount) {
    pages = rawPages.map { transformer.apply($0, account: account) }
}
if pages.isEmpty {
    pages = rawPages.map { transformer.apply($0, account: account) }
}
measure("normalize only", records: recordCount) {
    let normalizeOnly = Transformer(steps: [.normalize(NormalizeOptions())], runID: "bench", extractedAt: Date())
    for page in rawPages { _ = normalizeOnly.apply(page, account: account) }
}

let folder = NSTemporaryDirectory() + "igexport-bench-\(getpid())"
defer { try? FileManager.default.removeItem(atPath: folder) }
let context = SinkContext(pipeline: "bench", runID: "bench", date: "2025-03-01")
var configs: [(String, SinkConfig)] = [
    ("ndjson", SinkConfig(format: .ndjson, streams: [], path: folder + "/out.ndjson")),
    ("csv warehouse", SinkConfig(format: .csv, streams: [], path: folder + "/out.csv")),
    ("xml (libxml2)", SinkConfig(format: .xml, streams: [], path: folder + "/out.xml")),
]
var excel = SinkConfig(format: .csv, streams: [], path: folder + "/excel.csv")
excel.csv.dialect = .excel
configs.insert(("csv excel", excel), at: 2)
var rss = SinkConfig(format: .rss, streams: [.media], path: folder + "/feed.xml")
rss.feed.maxItems = Int.max
configs.append(("rss (every item)", rss))
for (format, file) in [(SinkConfig.Format.atom, "feed.atom"), (.jsonfeed, "feed.json")] {
    var feed = SinkConfig(format: format, streams: [.media], path: folder + "/" + file)
    feed.feed.maxItems = Int.max
    configs.append(("\(format.rawValue) (every item)", feed))
}
rss.path = folder + "/feed50.xml"
rss.feed.maxItems = 50
configs.append(("rss (max_items 50)", rss))

for (name, config) in configs {
    let sink = try makeSink(config, context: context)
    var published: [String] = []
    try measure(
        "write " + name,
        records: recordCount,
        bytes: {
            published.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        }
    ) {
        for page in pages {
            try sink.write(page)
            _ = try sink.commit(sync: false)
        }
        published = try sink.finish()
    }
}

import Testing

@testable import IGCore
@testable import IGEngine
@testable import IGGraph

/// A malformed pipeline and the place its error must name.
struct Malformed: Sendable, CustomTestStringConvertible {
    let name: String
    let yaml: String
    let line: Int
    let key: String
    let message: String

    var testDescription: String { name }
}

/// A valid pipeline to break one line at a time. Line numbers in the cases below refer to it.
private let base = """
    version: 1
    name: broken
    source:
      token: ${env:T}
      accounts: [me]
    http:
      timeout: 30s
      retry: {max_attempts: 8, base_delay: 500ms}
      concurrency: 4
    extract:
      profile: {}
      media:
        fields: [id, caption, timestamp]
        page_size: 100
    transform:
      - normalize
      - hashtags: {from: caption}
    load:
      - ndjson: {path: "out/{stream}.ndjson"}
      - csv: {stream: media, path: out/media.csv, columns: [id, caption]}
      - rss: {stream: media, path: out/feed.xml, max_items: 50}
    """

/// `base` with line `number` (1-based) replaced by `text`.
private func replacing(line number: Int, with text: String) -> String {
    var lines = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines[number - 1] = text
    return lines.joined(separator: "\n")
}

private let cases: [Malformed] = [
    Malformed(
        name: "unknown top-level key",
        yaml: base + "\nextra: 1",
        line: 22,
        key: "extra",
        message: "unknown key 'extra'"
    ),
    Malformed(
        name: "misspelt key suggests the right one",
        yaml: replacing(line: 6, with: "htp:"),
        line: 6,
        key: "htp",
        message: "did you mean 'http'?"
    ),
    Malformed(
        name: "version 2",
        yaml: replacing(line: 1, with: "version: 2"),
        line: 1,
        key: "version",
        message: "out of range"
    ),
    Malformed(
        name: "version as text",
        yaml: replacing(line: 1, with: "version: one"),
        line: 1,
        key: "version",
        message: "expected an integer"
    ),
    Malformed(
        name: "name with a slash",
        yaml: replacing(line: 2, with: "name: a/b"),
        line: 2,
        key: "name",
        message: "letters, digits"
    ),
    Malformed(
        name: "unknown source key",
        yaml: replacing(line: 5, with: "  acounts: [me]"),
        line: 5,
        key: "source.acounts",
        message: "did you mean 'accounts'?"
    ),
    Malformed(
        name: "unset token variable",
        yaml: replacing(line: 4, with: "  token: ${env:NOT_SET_ANYWHERE}"),
        line: 4,
        key: "source.token",
        message: "NOT_SET_ANYWHERE is not set"
    ),
    Malformed(
        name: "literal token",
        yaml: replacing(line: 4, with: "  token: IGAAliteral"),
        line: 4,
        key: "source.token",
        message: "a literal token"
    ),
    Malformed(
        name: "missing token file",
        yaml: replacing(line: 4, with: "  token: ${file:/nonexistent/token}"),
        line: 4,
        key: "source.token",
        message: "cannot read the token file"
    ),
    Malformed(
        name: "unknown secret scheme",
        yaml: replacing(line: 4, with: "  token: ${vault:x}"),
        line: 4,
        key: "source.token",
        message: "unknown secret reference"
    ),
    Malformed(
        name: "account that is not an id",
        yaml: replacing(line: 5, with: "  accounts: [me, alice]"),
        line: 5,
        key: "source.accounts[1]",
        message: "expected `me` or a numeric"
    ),
    Malformed(
        name: "bad duration",
        yaml: replacing(line: 7, with: "  timeout: 30"),
        line: 7,
        key: "http.timeout",
        message: "expected a duration"
    ),
    Malformed(
        name: "a duration too long to hold",
        yaml: replacing(line: 7, with: "  timeout: 999999999999d"),
        line: 7,
        key: "http.timeout",
        message: "expected a duration"
    ),
    Malformed(
        name: "a body limit past 4 GiB",
        yaml: replacing(line: 9, with: "  max_body: 9999999999GiB"),
        line: 9,
        key: "http.max_body",
        message: "out of range"
    ),
    Malformed(
        name: "a body limit that is no size",
        yaml: replacing(line: 9, with: "  max_body: lots"),
        line: 9,
        key: "http.max_body",
        message: "expected a size"
    ),
    Malformed(
        name: "bad nested duration",
        yaml: replacing(line: 8, with: "  retry: {max_attempts: 8, base_delay: soon}"),
        line: 8,
        key: "http.retry.base_delay",
        message: "expected a duration"
    ),
    Malformed(
        name: "max_attempts zero",
        yaml: replacing(line: 8, with: "  retry: {max_attempts: 0}"),
        line: 8,
        key: "http.retry.max_attempts",
        message: "out of range"
    ),
    Malformed(
        name: "concurrency as text",
        yaml: replacing(line: 9, with: "  concurrency: many"),
        line: 9,
        key: "http.concurrency",
        message: "expected an integer"
    ),
    Malformed(
        name: "unknown stream",
        yaml: replacing(line: 11, with: "  reels: {}"),
        line: 11,
        key: "extract.reels",
        message: "unknown key 'reels'"
    ),
    Malformed(
        name: "fields not a list",
        yaml: replacing(line: 13, with: "    fields: {id: 1}"),
        line: 13,
        key: "extract.media.fields",
        message: "expected a list of strings"
    ),
    Malformed(
        name: "media without id",
        yaml: replacing(line: 13, with: "    fields: [caption, timestamp]"),
        line: 13,
        key: "extract.media.fields",
        message: "must include id and timestamp"
    ),
    Malformed(
        name: "page size over 100",
        yaml: replacing(line: 14, with: "    page_size: 500"),
        line: 14,
        key: "extract.media.page_size",
        message: "out of range"
    ),
    Malformed(
        name: "unknown mode",
        yaml: replacing(line: 14, with: "    mode: delta"),
        line: 14,
        key: "extract.media.mode",
        message: "valid: full, incremental"
    ),
    Malformed(
        name: "unknown transform step",
        yaml: replacing(line: 16, with: "  - normalise"),
        line: 16,
        key: "transform[0]",
        message: "did you mean 'normalize'?"
    ),
    Malformed(
        name: "bad step option",
        yaml: replacing(line: 17, with: "  - hashtags: {field: caption}"),
        line: 17,
        key: "transform[1].hashtags.field",
        message: "unknown key 'field'"
    ),
    Malformed(
        name: "filter without operator",
        yaml: replacing(line: 17, with: "  - filter: media_type IMAGE"),
        line: 17,
        key: "transform[1].filter",
        message: "expected `FIELD OP VALUE`"
    ),
    Malformed(
        name: "in without a list",
        yaml: replacing(line: 17, with: "  - filter: media_type in IMAGE"),
        line: 17,
        key: "transform[1].filter",
        message: "takes a list"
    ),
    Malformed(
        name: "truncate without max_length",
        yaml: replacing(line: 17, with: "  - truncate: {field: caption}"),
        line: 17,
        key: "transform[1].truncate",
        message: "missing key 'max_length'"
    ),
    Malformed(
        name: "unknown writer",
        yaml: replacing(line: 19, with: "  - parquet: {path: out.parquet}"),
        line: 19,
        key: "load[0]",
        message: "unknown writer 'parquet'"
    ),
    Malformed(
        name: "csv columns not a list",
        yaml: replacing(line: 20, with: "  - csv: {stream: media, path: a.csv, columns: {a: 1}}"),
        line: 20,
        key: "load[1].csv.columns",
        message: "expected a list of strings"
    ),
    Malformed(
        name: "unknown csv dialect",
        yaml: replacing(line: 20, with: "  - csv: {stream: media, path: a.csv, dialect: tsv}"),
        line: 20,
        key: "load[1].csv.dialect",
        message: "valid: warehouse, excel"
    ),
    Malformed(
        name: "writer for a stream not extracted",
        yaml: replacing(line: 20, with: "  - csv: {stream: comments, path: a.csv}"),
        line: 20,
        key: "load[1].csv.stream",
        message: "'comments' is not extracted"
    ),
    Malformed(
        name: "unknown path placeholder",
        yaml: replacing(line: 19, with: "  - ndjson: {path: \"out/{day}.ndjson\"}"),
        line: 19,
        key: "load[0].ndjson.path",
        message: "unknown placeholder {day}"
    ),
    Malformed(
        name: "several streams into one file",
        yaml: replacing(line: 19, with: "  - ndjson: {path: out/all.ndjson}"),
        line: 19,
        key: "load[0].ndjson.path",
        message: "put {stream} in its path"
    ),
    Malformed(
        name: "output under a file",
        yaml: replacing(line: 19, with: "  - ndjson: {path: \"/etc/passwd/{stream}.ndjson\"}"),
        line: 19,
        key: "load[0].ndjson.path",
        message: "is a file"
    ),
    Malformed(
        name: "rss max_items as text",
        yaml: replacing(line: 21, with: "  - rss: {stream: media, path: f.xml, max_items: all}"),
        line: 21,
        key: "load[2].rss.max_items",
        message: "expected an integer"
    ),
    Malformed(
        name: "rss link not a URL",
        yaml: replacing(line: 21, with: "  - rss: {stream: media, path: f.xml, link: example}"),
        line: 21,
        key: "load[2].rss.link",
        message: "absolute http(s) URL"
    ),
    Malformed(
        name: "plain http to a remote host",
        yaml: replacing(line: 4, with: "  api: http://graph.instagram.com"),
        line: 4,
        key: "source.api",
        message: "only to loopback"
    ),
    Malformed(
        name: "plain http to a host that only looks like loopback",
        yaml: replacing(line: 4, with: "  api: http://127.example.com"),
        line: 4,
        key: "source.api",
        message: "only to loopback"
    ),
    Malformed(
        name: "bad api version",
        yaml: replacing(line: 5, with: "  api_version: 23"),
        line: 5,
        key: "source.api_version",
        message: "such as v23.0"
    ),
    Malformed(
        name: "invalid YAML",
        yaml: replacing(line: 8, with: "  retry: {max_attempts: 8"),
        line: 9,
        key: "",
        message: "invalid YAML"
    ),
    Malformed(
        name: "atom feed without self_link",
        yaml: replacing(line: 21, with: "  - atom: {stream: media, path: f.atom}"),
        line: 21,
        key: "load[2].atom",
        message: "an Atom feed needs `self_link`"
    ),
    Malformed(
        name: "feed tag authority without a date",
        yaml: replacing(line: 21, with: "  - jsonfeed: {stream: media, path: f.json, tag_authority: example.com}"),
        line: 21,
        key: "load[2].jsonfeed.tag_authority",
        message: "expected DOMAIN,DATE"
    ),
    Malformed(
        name: "feed guid form unknown",
        yaml: replacing(line: 21, with: "  - rss: {stream: media, path: f.xml, guid: url}"),
        line: 21,
        key: "load[2].rss.guid",
        message: "permalink"
    ),
    Malformed(
        name: "ttl on an atom feed",
        yaml: replacing(
            line: 21,
            with: "  - atom: {stream: media, path: f.atom, self_link: \"https://e.com/f\", ttl: 5}"
        ),
        line: 21,
        key: "load[2].atom.ttl",
        message: "unknown key"
    ),
    Malformed(
        name: "two writers on one path",
        yaml: replacing(line: 21, with: "  - rss: {stream: media, path: out/media.csv}"),
        line: 21,
        key: "load[2].rss",
        message: "like the earlier csv writer"
    ),
]

struct MalformedConfigTests {
    @Test(arguments: cases)
    func namesTheKeyAndLine(_ malformed: Malformed) {
        #expect(throws: ConfigError.self) {
            try PipelineConfig.parse(yaml: malformed.yaml, file: "broken.yaml", environment: ["T": "IGAAtoken"])
        }
        do {
            _ = try PipelineConfig.parse(yaml: malformed.yaml, file: "broken.yaml", environment: ["T": "IGAAtoken"])
        } catch {
            #expect(error.line == malformed.line, "\(error)")
            #expect(error.key == malformed.key, "\(error)")
            #expect(error.message.contains(malformed.message), "\(error)")
            #expect(error.path == "broken.yaml")
            #expect("\(error)".hasPrefix("broken.yaml:\(malformed.line):"))
        }
    }

    @Test func readsTheBodyLimitInBytesOrBinaryUnits() throws {
        for (text, bytes) in [("1048576", 1 << 20), ("64MiB", 64 << 20), ("512 KiB", 512 << 10), ("2GiB", 2 << 30)] {
            let yaml = replacing(line: 9, with: "  max_body: \(text)")
            let config = try PipelineConfig.parse(yaml: yaml, file: "base.yaml", environment: ["T": "IGAAtoken"])
            #expect(config.http.maxBody == bytes)
        }
        let config = try PipelineConfig.parse(yaml: base, file: "base.yaml", environment: ["T": "IGAAtoken"])
        #expect(config.http.maxBody == 64 << 20)
    }

    @Test func acceptsWritersInOneLetterFolders() throws {
        let yaml = replacing(line: 19, with: #"  - ndjson: {path: "o/{stream}.ndjson"}"#)
            .replacing("out/media.csv", with: "a/b.csv")
        let config = try PipelineConfig.parse(yaml: yaml, file: "base.yaml", environment: ["T": "IGAAtoken"])
        #expect(config.load.map(\.path).contains("a/b.csv"))
    }

    @Test func theBasePipelineIsValid() throws {
        let config = try PipelineConfig.parse(yaml: base, file: "base.yaml", environment: ["T": "IGAAtoken"])
        #expect(config.load.count == 3)
    }
}

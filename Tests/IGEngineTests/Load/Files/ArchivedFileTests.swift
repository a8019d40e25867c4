import Testing

@testable import IGCore
@testable import IGEngine

struct ArchivedFileTests {
    private let entry = ArchivedFile(
        mediaID: "18000000000000002",
        parentID: "17900000000000001",
        kind: .thumbnail,
        path: "me/2025/2025-03-07_17900000000000001_2_thumbnail.jpg",
        bytes: 2_048,
        sha256: String(repeating: "ab", count: 32),
        contentType: "image/jpeg",
        timestamp: "2025-03-07T23:30:00+0000"
    )

    @Test func writesTheManifestLineWithExactlyTheIssuesFields() throws {
        var bytes: [UInt8] = []
        entry.encodeLine(into: &bytes)
        #expect(bytes.last == UInt8(ascii: "\n"))
        let object = try #require(try JSONParser.parse(Array(bytes.dropLast())).objectValue)
        #expect(
            object.keys == ["media_id", "parent_id", "kind", "path", "bytes", "sha256", "content_type", "timestamp"]
        )
        #expect(ArchivedFile(line: bytes.dropLast()) == entry)
    }

    @Test func writesNullForAPostsParent() throws {
        var post = entry
        post.parentID = nil
        var bytes: [UInt8] = []
        post.encodeLine(into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"parent_id\":null"))
        #expect(ArchivedFile(line: bytes.dropLast())?.parentID == nil)
    }

    @Test func skipsLinesThatAreNotEntries() {
        var bytes: [UInt8] = Array("{\"media_id\":\"1\"}\nnot json\n".utf8)
        entry.encodeLine(into: &bytes)
        #expect(ArchivedFile.entries(in: bytes) == [entry])
    }
}

import Testing

@testable import IGCore

struct PathNameTests {
    @Test(arguments: [
        ("o/media.ndjson", "o", "media.ndjson"), ("a/b.csv", "a", "b.csv"), ("plain.csv", "", "plain.csv"),
        ("/root.csv", "/", "root.csv"), ("/x/y/z", "/x/y", "z"), ("a/", "a", ""), ("a//b", "a/", "b"),
    ])
    func splitsAtTheLastSlash(path: String, folder: String, name: String) {
        #expect(PathName.split(path) == (folder, name))
        #expect(PathName.join(folder, name) == path)
    }

    @Test func theFolderOfAPathWithoutASlashIsTheCurrentOne() {
        #expect(PathName.folder(of: "media.ndjson") == ".")
        #expect(PathName.folder(of: "o/media.ndjson") == "o")
        #expect(PathName.folder(of: "o") == ".")
    }

    @Test func walkingUpEndsAtTheRootOrTheCurrentFolder() {
        #expect(PathName.folder(of: "/") == "/")
        #expect(PathName.folder(of: ".") == ".")
        #expect(PathName.folder(of: "/a") == "/")
    }
}

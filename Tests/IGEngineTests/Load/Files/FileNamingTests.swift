import Testing

@testable import IGCore
@testable import IGEngine

struct FileNamingTests {
    private let naming = FileNaming(options: FilesOptions())

    private func target(
        _ id: String = "17900000000000001",
        parent: String? = nil,
        index: Int? = nil,
        kind: ArchivedFile.Kind = .media
    ) -> DownloadTarget {
        DownloadTarget(
            mediaID: id,
            parentID: parent,
            index: index,
            kind: kind,
            url: "https://cdn.example.com/x.jpg",
            timestamp: "2025-03-07T23:30:00+0000",
            stream: .media
        )
    }

    @Test func namesAPostByAccountYearDateAndID() {
        #expect(naming.stem(target(), account: "me") == "archive/me/2025/2025-03-07_17900000000000001")
    }

    @Test func namesACarouselChildAfterItsParentAndPlace() {
        let child = target("18000000000000002", parent: "17900000000000001", index: 3)
        #expect(naming.stem(child, account: "me") == "archive/me/2025/2025-03-07_17900000000000001_3")
    }

    @Test func namesAChildAfterItsParentInAnyFolderWithTheDefaultName() {
        var options = FilesOptions()
        options.template = "/srv/media/{account}/{date}_{id}.{ext}"
        let child = target("18000000000000002", parent: "17900000000000001", index: 1)
        #expect(
            FileNaming(options: options).stem(child, account: "me") == "/srv/media/me/2025-03-07_17900000000000001_1"
        )
    }

    @Test func namesAThumbnailBesideItsVideo() {
        #expect(naming.stem(target(kind: .thumbnail), account: "me").hasSuffix("_17900000000000001_thumbnail"))
    }

    @Test func takesTheDateInUTC() {
        var late = target()
        late.timestamp = "2025-12-31T23:30:00-0200"
        #expect(naming.stem(late, account: "me") == "archive/me/2026/2026-01-01_17900000000000001")
    }

    @Test func fillsMonthStreamAndIndexOfACustomTemplate() {
        var options = FilesOptions()
        options.template = "media/{stream}/{year}-{month}/{parent_id}-{index}-{id}.{ext}"
        let child = target("18000000000000002", parent: "17900000000000001", index: 2)
        #expect(
            FileNaming(options: options).stem(child, account: "me")
                == "media/media/2025-03/17900000000000001-2-18000000000000002"
        )
        #expect(FileNaming(options: options).relative("media/media/x.jpg") == "media/x.jpg")
    }

    @Test func keepsAHostileAccountReferenceInsideTheArchive() {
        for account in ["../../etc", "a/b", "..", ""] {
            let stem = naming.stem(target(), account: account)
            #expect(!stem.split(separator: "/").contains { $0 == ".." || $0 == "." || $0.isEmpty }, "\(stem)")
            #expect(stem.split(separator: "/").count == 4, "\(stem)")
        }
    }

    @Test func acceptsOnlyDigitsAsIDs() {
        #expect(DownloadTarget.isSafeID("17900000000000001"))
        for id in ["", "../1", "1/2", "１２", "12a", String(repeating: "1", count: 65)] {
            #expect(!DownloadTarget.isSafeID(id), "\(id)")
        }
    }

    @Test func takesTheExtensionFromTheContentTypeThenTheURL() {
        let cases: [(String?, String, String)] = [
            ("image/jpeg", "https://c/x", "jpg"),
            ("video/mp4", "https://c/x.bin", "mp4"),
            ("image/webp; q=1", "https://c/x", "webp"),
            ("IMAGE/HEIC", "https://c/x", "heic"),
            ("application/octet-stream", "https://c/v/a.JPEG?x=1.mp4", "jpg"),
            (nil, "https://c/v/a.png", "png"),
            (nil, "https://c/v/a.p/ng", "bin"),
            (nil, "https://c/v/a.exe%2F..", "bin"),
        ]
        for (type, url, ext) in cases {
            #expect(FileNaming.fileExtension(contentType: type, url: url) == ext, "\(String(describing: type)) \(url)")
        }
    }
}

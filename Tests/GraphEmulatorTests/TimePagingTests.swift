import Foundation
import TestSupport
import Testing

@testable import GraphEmulator

@Suite struct TimePagingTests {
    private static let until = Int(DataGenerator.referenceTime)
    private static let since = until - 200 * 86_400

    @Test(arguments: [1, 7, 100])
    func pagesAWindowByTimeWithoutCursorsInTheRealisticProfile(limit: Int) async throws {
        let expected = try await withEmulator { server in
            collectAll(TestClient(), from: server.url("me/media", "since=\(Self.since)&until=\(Self.until)&limit=100"))
                .ids
        }
        try await withEmulator(.profile(.realistic)) { server in
            let client = TestClient()
            var ids: [String] = []
            var next: String? = server.url(
                "me/media",
                "fields=id,timestamp&since=\(Self.since)&until=\(Self.until)&limit=\(limit)"
            )
            var previousUntil = Self.until + 1
            while let url = next {
                let page = client.get(url)
                #expect(page.status == 200)
                #expect(page.paging?["cursors"] == nil)
                ids += page.data.compactMap { $0["id"] as? String }
                next = page.next
                if let link = next {
                    #expect(queryValue(link, "since") == String(Self.since))
                    #expect(queryValue(link, "after") == nil)
                    let until = try #require(queryValue(link, "until").flatMap { Int($0) })
                    #expect(until < previousUntil)
                    previousUntil = until
                    #expect(queryValue(link, "fields") == "id,timestamp")
                }
            }
            #expect(!expected.isEmpty)
            #expect(ids == expected)
        }
    }

    @Test func linksToNewerMediaWithSinceWhenTheWindowEndsBeforeTheNewest() async throws {
        try await withEmulator(.profile(.realistic)) { server in
            let client = TestClient()
            let until = Self.until - 30 * 86_400
            let page = client.get(server.url("me/media", "fields=id,timestamp&until=\(until)&limit=5"))
            let previous = try #require(page.paging?["previous"] as? String)
            #expect(queryValue(previous, "until") == nil)
            let newer = client.get(previous)
            let newest = try #require(page.data.first?["id"] as? String)
            #expect(!newer.data.isEmpty && !newer.data.contains { $0["id"] as? String == newest })
        }
    }

    @Test func pagesStoriesByTimeToo() async throws {
        try await withEmulator(.profile(.realistic)) { server in
            let client = TestClient()
            let all = client.get(server.url("me/stories")).data.compactMap { $0["id"] as? String }
            var ids: [String] = []
            var next: String? = server.url("me/stories", "since=\(Self.until - 2 * 86_400)&limit=1")
            while let url = next {
                let page = client.get(url)
                #expect(page.paging?["cursors"] == nil)
                ids += page.data.compactMap { $0["id"] as? String }
                next = page.next
            }
            #expect(ids == all)
        }
    }

    @Test func keepsCursorPagingForWindowsInTheStandardProfile() async throws {
        try await withEmulator { server in
            let page = TestClient().get(server.url("me/media", "since=\(Self.since)&until=\(Self.until)&limit=5"))
            #expect(page.paging?["cursors"] != nil)
            let next = try #require(page.next)
            #expect(queryValue(next, "after") != nil)
        }
    }

    @Test(arguments: EmulatorBehaviour.Profile.allCases)
    func refusesHostileTimesWithoutFalling(profile: EmulatorBehaviour.Profile) async throws {
        try await withEmulator(.profile(profile)) { server in
            let client = TestClient()
            let extremes = ["-9223372036854775808", "9223372036854775807", "-100000000001", "99999999999999999999"]
            for value in extremes {
                for path in ["me/media", "me/stories", "me/insights"] {
                    let metric = path == "me/insights" ? "metric=reach&period=day&" : ""
                    for name in ["since", "until"] {
                        let answer = client.get(server.url(path, "\(metric)\(name)=\(value)"))
                        if path == "me/stories", profile == .standard {
                            #expect(answer.status == 200)
                        } else {
                            #expect(answer.errorCode == 100, "\(path) \(name)=\(value)")
                        }
                    }
                }
            }
            // The widest window accepted: years 1 to 9999.
            let widest = "since=-62135596800&until=253402300799"
            let wide = client.get(server.url("me/insights", "metric=reach&period=day&\(widest)"))
            #expect(wide.errorCode == 100)
            #expect(client.get(server.url("me/media", "\(widest)&limit=1")).status == 200)
            #expect(client.get(server.url("me", "fields=username")).status == 200)
        }
    }
}

import Foundation
import TestSupport
import Testing

@testable import GraphEmulator

@Suite struct RealisticShapeTests {
    @Test(arguments: EmulatorBehaviour.Profile.allCases)
    func sendsTheUsageHeaderOfTheProfile(profile: EmulatorBehaviour.Profile) async throws {
        var configuration = EmulatorConfiguration.profile(profile)
        configuration.rateLimit = RateLimit(calls: 10, window: .seconds(60))
        try await withEmulator(configuration) { server in
            let usage = try #require(TestClient().get(server.url("me")).headers["x-app-usage"])
            if profile == .realistic {
                #expect(usage == "{\"call_volume\":10,\"cpu_time\":4}")
            } else {
                #expect(usage == "{\"call_count\":10,\"total_time\":6,\"total_cputime\":4}")
            }
        }
    }

    @Test func answersMeFlatWithTheAppScopedIDAddedInTheRealisticProfile() async throws {
        try await withEmulator(.profile(.realistic)) { server in
            let client = TestClient()
            let account = server.accounts[0]
            let flat = try #require(client.get(server.url("me", "fields=user_id,username")).json)
            #expect(flat["data"] == nil)
            #expect(Array(flat.keys).sorted() == ["id", "user_id", "username"])
            #expect(flat["user_id"] as? String == account.id)
            let appScoped = try #require(flat["id"] as? String)
            #expect(appScoped != account.id)
            let text = client.get(server.url("me", "fields=user_id,username")).text
            #expect(text.hasPrefix("{\"user_id\":"))
            #expect(text.hasSuffix(",\"id\":\"\(appScoped)\"}"))
            let asked = client.get(server.url("me", "fields=id,username")).text
            #expect(asked.components(separatedBy: "\"id\"").count == 2)
            let node = try #require(client.get(server.url(account.id, "fields=user_id")).json)
            #expect(Array(node.keys) == ["user_id"])
        }
    }

    @Test(arguments: EmulatorBehaviour.Profile.allCases)
    func omitsEmptyFieldsRatherThanSendingNull(profile: EmulatorBehaviour.Profile) async throws {
        try await withEmulator(.profile(profile)) { server in
            let client = TestClient()
            var media: [[String: Any]] = []
            var next: String? = server.url(
                "me/media",
                "fields=id,caption,media_type,media_product_type,media_url,thumbnail_url&limit=100"
            )
            while let url = next {
                let page = client.get(url)
                media += page.data
                next = page.next
            }
            #expect(media.count == 120)
            #expect(media.allSatisfy { $0.values.allSatisfy { !($0 is NSNull) } })
            let images = media.filter { $0["media_type"] as? String == "IMAGE" }
            #expect(!images.isEmpty && images.allSatisfy { $0["thumbnail_url"] == nil && $0["media_url"] is String })
            #expect(media.contains { $0["media_product_type"] as? String == "REELS" && $0["media_url"] == nil })
            #expect(media.contains { $0["caption"] == nil })
        }
    }

    @Test func listsOnlyTheNewestMediaUpToTheCapWhileMediaCountSaysMore() async throws {
        var configuration = EmulatorConfiguration.profile(.realistic)
        configuration.behaviour.listingCap = 50
        try await withEmulator(configuration) { server in
            let client = TestClient()
            let (ids, _) = collectAll(client, from: server.url("me/media", "limit=100"))
            let (all, _) = collectAll(client, from: server.url("me/media", "since=0&until=2000000000&limit=100"))
            #expect(ids.count == 50)
            #expect(all.count == 50)
            let count = client.get(server.url(server.accounts[0].id, "fields=media_count")).json?["media_count"]
            #expect(count as? Int == 124)
        }
    }

    @Test func reportsMediaCountAsListedInTheStandardProfile() async throws {
        try await withEmulator { server in
            let client = TestClient()
            let count = client.get(server.url(server.accounts[0].id, "fields=media_count")).json?["media_count"]
            #expect(count as? Int == 120)
        }
    }
}

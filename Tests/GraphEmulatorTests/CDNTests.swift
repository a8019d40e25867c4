import Foundation
import TestSupport
import Testing

@testable import GraphEmulator

@Suite struct CDNTests {
    private func configuration(_ clock: ManualEmulatorClock, _ cdn: CDNOptions) -> EmulatorConfiguration {
        EmulatorConfiguration(mediaPerAccount: 30, clock: clock, cdn: cdn)
    }

    @Test func servesTheSameBytesForAMediaWhicheverSignedURLReachesThem() async throws {
        let clock = ManualEmulatorClock()
        let cdn = CDNOptions()
        try await withEmulator(configuration(clock, cdn)) { server in
            let client = TestClient()
            let listing = client.get(server.url("me/media", "fields=id,media_type,media_url&limit=30"))
            let image = try #require(listing.data.first { $0["media_type"] as? String == "IMAGE" })
            let id = try #require(image["id"] as? String)
            let listed = try #require(image["media_url"] as? String)
            #expect(listed.hasPrefix(server.baseURL + "/cdn/\(id)/media.jpg?") && listed.contains("oe="))
            let fresh = try #require(client.get(server.url(id, "fields=media_url")).json?["media_url"] as? String)
            let first = client.get(listed)
            let second = client.get(fresh)
            #expect(first.status == 200 && second.status == 200)
            #expect(first.headers["content-type"] == "image/jpeg")
            #expect(first.headers["content-length"] == String(first.body.count))
            #expect(first.body == second.body)
            #expect(first.body == cdn.body(seed: 42, id: id, kind: "media", video: false))
        }
    }

    @Test func answers403OnceTheURLOutlivesItsLifetimeAndAFreshOneByID() async throws {
        let clock = ManualEmulatorClock()
        try await withEmulator(configuration(clock, CDNOptions(urlLifetime: .seconds(1)))) { server in
            let client = TestClient()
            let listing = client.get(server.url("me/media", "fields=id,media_url&limit=5"))
            let media = try #require(listing.data.first { $0["media_url"] != nil })
            let url = try #require(media["media_url"] as? String)
            #expect(client.get(url).status == 200)
            clock.advance(by: .seconds(2))
            let expired = client.get(url)
            #expect(expired.status == 403 && expired.text == "URL signature expired")
            let id = try #require(media["id"] as? String)
            let fresh = try #require(client.get(server.url(id, "fields=media_url")).json?["media_url"] as? String)
            #expect(client.get(fresh).status == 200)
        }
    }

    @Test func listsExpiredURLsWhenAskedAndRefusesATamperedSignatureOrAToken() async throws {
        let clock = ManualEmulatorClock()
        try await withEmulator(configuration(clock, CDNOptions(listedURLsExpired: true))) { server in
            let client = TestClient()
            let listing = client.get(server.url("me/media", "fields=id,media_url&limit=5"))
            let media = try #require(listing.data.first { $0["media_url"] != nil })
            #expect(client.get(try #require(media["media_url"] as? String)).status == 403)
            let id = try #require(media["id"] as? String)
            let fresh = try #require(client.get(server.url(id, "fields=media_url")).json?["media_url"] as? String)
            #expect(client.get(fresh.replacingOccurrences(of: "oh=00_", with: "oh=00_1")).status == 403)
            #expect(client.get(fresh + "&access_token=" + server.accounts[0].token).status == 400)
            #expect(client.get(fresh).status == 200)
        }
    }

    @Test func failsCDNRequestsAsTheFaultPlanSays() async throws {
        let clock = ManualEmulatorClock()
        try await withEmulator(configuration(clock, CDNOptions(http500: .every(1)))) { server in
            let client = TestClient()
            let listing = client.get(server.url("me/media", "fields=id,media_url&limit=5"))
            let url = try #require(listing.data.compactMap { $0["media_url"] as? String }.first)
            #expect(client.get(url).status == 500)
        }
    }

    @Test func keepsInstagramLookingURLsWithoutACDN() async throws {
        try await withEmulator(EmulatorConfiguration(mediaPerAccount: 5)) { server in
            let listing = TestClient().get(server.url("me/media", "fields=media_url&limit=5"))
            let urls = listing.data.compactMap { $0["media_url"] as? String }
            #expect(!urls.isEmpty && urls.allSatisfy { $0.hasPrefix("https://scontent.cdninstagram.com/") })
        }
    }
}

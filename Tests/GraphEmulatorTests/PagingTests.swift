import Foundation
import TestSupport
import Testing

@testable import GraphEmulator

@Suite struct PagingTests {
    @Test(arguments: [1, 7, 25, 100])
    func visitsEveryMediaExactlyOnceFollowingNext(limit: Int) async throws {
        try await withEmulator { server in
            let client = TestClient()
            let (ids, requests) = collectAll(client, from: server.url("me/media", "fields=id,caption&limit=\(limit)"))
            #expect(ids.count == 120)
            #expect(Set(ids).count == 120)
            #expect(requests == (120 + limit - 1) / limit)
        }
    }

    @Test func carriesTheTokenAndEveryParameterInNextLinks() async throws {
        try await withEmulator { server in
            let client = TestClient()
            let first = client.get(server.url("me/media", "fields=id,children{id,media_url}&limit=10&since=0"))
            let next = try #require(first.next)
            #expect(next.hasPrefix(server.baseURL + "/v23.0/\(server.accounts[0].id)/media?"))
            #expect(queryValue(next, "access_token") == server.accounts[0].token)
            #expect(queryValue(next, "fields") == "id,children{id,media_url}")
            #expect(queryValue(next, "limit") == "10")
            #expect(queryValue(next, "since") == "0")
            #expect(queryValue(next, "after") != nil)
            #expect(next.contains("fields=id%2Cchildren%7Bid%2Cmedia_url%7D"))
        }
    }

    @Test func linksBackWithPreviousFromTheSecondPage() async throws {
        try await withEmulator { server in
            let client = TestClient()
            let first = client.get(server.url("me/media", "limit=10"))
            let second = client.get(try #require(first.next))
            let previous = try #require(second.paging?["previous"] as? String)
            let back = client.get(previous)
            #expect(back.data.map { $0["id"] as! String } == first.data.map { $0["id"] as! String })
        }
    }

    @Test func omitsNextOnTheLastPage() async throws {
        try await withEmulator { server in
            let client = TestClient()
            let first = client.get(server.url("me/media", "limit=100"))
            let last = client.get(try #require(first.next))
            #expect(last.data.count == 20)
            #expect(last.next == nil)
            #expect(last.paging?["cursors"] != nil)
        }
    }

    @Test func refusesALimitAboveOneHundredWithCode1() async throws {
        try await withEmulator { server in
            let response = TestClient().get(server.url("me/media", "limit=101"))
            #expect(response.status == 500)
            #expect(response.errorCode == 1)
            #expect(
                response.error?["message"] as? String
                    == "Please reduce the amount of data you're asking for, then retry your request"
            )
        }
    }

    @Test func filtersByTimeWithSinceAndUntilInclusive() async throws {
        try await withEmulator { server in
            let client = TestClient()
            let all = client.get(server.url("me/media", "fields=id,timestamp&limit=100")).data
            let newer = all[10]["timestamp"] as! String
            let older = all[30]["timestamp"] as! String
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssZ"
            let until = Int(formatter.date(from: newer)!.timeIntervalSince1970)
            let since = Int(formatter.date(from: older)!.timeIntervalSince1970)
            let (ids, _) = collectAll(client, from: server.url("me/media", "since=\(since)&until=\(until)&limit=7"))
            #expect(ids == all[10...30].map { $0["id"] as! String })
        }
    }

    @Test func servesAtMostTheTenThousandNewestMedia() async throws {
        try await withEmulator(EmulatorConfiguration(mediaPerAccount: 10_050)) { server in
            let (ids, requests) = collectAll(TestClient(), from: server.url("me/media", "limit=100"))
            #expect(ids.count == 10_000)
            #expect(Set(ids).count == 10_000)
            #expect(requests == 100)
        }
    }

    @Test func putsPublishedMediaFirstAndKeepsOldCursorsValid() async throws {
        try await withEmulator { server in
            let client = TestClient()
            let first = client.get(server.url("me/media", "limit=50"))
            server.publish(newMedia: 5, account: 0)
            let rest = collectAll(client, from: try #require(first.next)).ids
            #expect(rest.count == 70)
            #expect(Set(rest).isDisjoint(with: first.data.map { $0["id"] as! String }))
            let fresh = client.get(server.url("me/media", "fields=id,timestamp&limit=6"))
            #expect(fresh.data[5]["id"] as? String == first.data[0]["id"] as? String)
            let count = client.get(server.url("me", "fields=media_count")).data.first?["media_count"] as? Int
            #expect(count == 125)
        }
    }

    @Test func refusesACursorOfAnotherEdge() async throws {
        try await withEmulator { server in
            let client = TestClient()
            let media = client.get(server.url("me/media", "limit=5"))
            let next = try #require(media.next)
            let after = try #require(queryValue(next, "after"))
            let stories = client.get(server.url("me/stories", "after=\(after)"))
            #expect(stories.errorCode == 100)
            #expect(client.get(server.url("me/media", "after=garbage")).errorCode == 100)
        }
    }
}

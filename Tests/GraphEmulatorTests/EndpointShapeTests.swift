import Foundation
import TestSupport
import Testing

@testable import GraphEmulator

@Suite struct EndpointShapeTests {
    @Test func answersMeAsTheGetStartedSampleShows() async throws {
        try await withEmulator { server in
            let account = server.accounts[0]
            let response = TestClient().get(server.url("me", "fields=user_id,username"))
            #expect(response.status == 200)
            #expect(response.headers["content-type"]?.hasPrefix("application/json") == true)
            let user = try #require(response.data.first)
            #expect(response.data.count == 1)
            #expect(user["user_id"] as? String == account.id)
            #expect(user["username"] as? String == account.username)
            #expect(Set(user.keys) == ["user_id", "username"])
        }
    }

    @Test func answersTheMediaEdgeAsTheGetStartedSampleShows() async throws {
        try await withEmulator { server in
            let account = server.accounts[0]
            let response = TestClient().get(server.baseURL + "/v25.0/\(account.id)/media?access_token=\(account.token)")
            #expect(response.status == 200)
            #expect(response.data.count == 25)
            for media in response.data {
                #expect(Set(media.keys) == ["id"])
                let id = try #require(media["id"] as? String)
                #expect((17...19).contains(id.count) && id.allSatisfy(\.isNumber))
            }
            let cursors = try #require(response.paging?["cursors"] as? [String: String])
            #expect(cursors["before"]?.hasPrefix("QVFI") == true)
            #expect(cursors["after"]?.hasPrefix("QVFI") == true)
            #expect(response.next != nil)
            #expect(response.paging?["previous"] == nil)
        }
    }

    @Test func servesPathsWithAndWithoutAVersionAndTakesABearerToken() async throws {
        try await withEmulator { server in
            let account = server.accounts[0]
            let client = TestClient()
            let plain = client.get(server.baseURL + "/\(account.id)?fields=username&access_token=\(account.token)")
            #expect(plain.json?["username"] as? String == account.username)
            let bearer = client.get(
                server.baseURL + "/v23.0/\(account.id)?fields=user_id",
                headers: ["Authorization: Bearer \(account.token)"]
            )
            #expect(bearer.json?["user_id"] as? String == account.id)
        }
    }

    @Test func expandsChildrenOfEveryCarouselWithTwoToTenItems() async throws {
        try await withEmulator { server in
            let response = TestClient().get(
                server.url("me/media", "fields=id,media_type,timestamp,children{id,media_type,media_url}&limit=100")
            )
            let albums = response.data.filter { $0["media_type"] as? String == "CAROUSEL_ALBUM" }
            #expect(!albums.isEmpty)
            for album in albums {
                let children = try #require((album["children"] as? [String: Any])?["data"] as? [[String: Any]])
                #expect((2...10).contains(children.count))
                #expect(children.allSatisfy { $0["media_url"] is String && $0["id"] is String })
            }
            #expect(
                response.data.filter { $0["media_type"] as? String != "CAROUSEL_ALBUM" }.allSatisfy {
                    $0["children"] == nil
                }
            )
        }
    }

    @Test func limitsAnExpandedEdgeAndLinksToTheRest() async throws {
        try await withEmulator { server in
            let client = TestClient()
            let page = client.get(server.url("me/media", "fields=id,media_type,children.limit(1){id}&limit=100"))
            let album = try #require(page.data.first { $0["media_type"] as? String == "CAROUSEL_ALBUM" })
            let children = try #require(album["children"] as? [String: Any])
            #expect((children["data"] as? [Any])?.count == 1)
            let next = try #require((children["paging"] as? [String: Any])?["next"] as? String)
            #expect(queryValue(next, "fields") == "id")
            #expect(queryValue(next, "limit") == "1")
            #expect(client.get(next).data.count == 1)
        }
    }

    @Test func writesTimestampsWithoutAColonStrictlyDecreasing() async throws {
        try await withEmulator { server in
            let response = TestClient().get(server.url("me/media", "fields=timestamp&limit=100"))
            let stamps = response.data.compactMap { $0["timestamp"] as? String }
            #expect(stamps.count == 100)
            #expect(stamps.allSatisfy { $0.count == 24 && $0.hasSuffix("+0000") })
            #expect(zip(stamps, stamps.dropFirst()).allSatisfy { $0 > $1 })
        }
    }

    @Test func generatesMediaThatStressClients() async throws {
        try await withEmulator { server in
            let client = TestClient()
            let fields = "id,caption,media_type,media_product_type,media_url,thumbnail_url,like_count,permalink"
            let first = client.get(server.url("me/media", "fields=\(fields)&limit=100"))
            let second = try #require(first.next.map { client.get($0) })
            let media = first.data + second.data
            #expect(media.count == 120)
            let captions = media.compactMap { $0["caption"] as? String }
            #expect(captions.count < media.count)
            #expect(captions.contains { $0.count == 2_200 })
            #expect(captions.contains { $0.contains("\n") })
            #expect(captions.contains { $0.contains("\u{0001}") || $0.contains("\u{0008}") })
            #expect(captions.contains { $0.contains("<") && $0.contains("&") })
            #expect(captions.contains { $0.unicodeScalars.contains { (0x0590...0x06FF).contains($0.value) } })
            #expect(captions.contains { $0.contains("#") } && captions.contains { $0.contains("@") })
            #expect(captions.contains { $0.contains("\"") } && captions.contains { $0.contains(",") })
            let reels = media.filter { $0["media_product_type"] as? String == "REELS" }
            #expect(reels.allSatisfy { $0["media_type"] as? String == "VIDEO" })
            #expect(reels.contains { $0["media_url"] == nil })
            #expect(media.contains { $0["like_count"] == nil })
            #expect(
                media.filter { $0["media_type"] as? String == "VIDEO" && $0["media_url"] != nil }.allSatisfy {
                    $0["thumbnail_url"] is String
                }
            )
            let permalinks = media.compactMap { $0["permalink"] as? String }
            #expect(
                permalinks.allSatisfy {
                    $0.hasPrefix("https://www.instagram.com/p/") || $0.hasPrefix("https://www.instagram.com/reel/")
                }
            )
        }
    }

    @Test func escapesTextAsGraphDoes() async throws {
        try await withEmulator { server in
            let response = TestClient().get(server.url("me/media", "fields=permalink,caption&limit=100"))
            #expect(response.text.contains("https:\\/\\/www.instagram.com\\/"))
            #expect(response.text.utf8.allSatisfy { $0 < 0x80 })
            #expect(response.text.contains("\\u0001") || response.text.contains("\\u0007"))
        }
    }

    @Test func showsAHiddenLikeCountOnlyWhenTheMediaIsReadDirectly() async throws {
        try await withEmulator { server in
            let client = TestClient()
            let page = client.get(server.url("me/media", "fields=id,like_count&limit=100"))
            let hidden = try #require(page.data.first { $0["like_count"] == nil })
            let direct = client.get(server.url(hidden["id"] as! String, "fields=id,like_count"))
            #expect(direct.json?["like_count"] is Int)
        }
    }

    @Test func servesChildrenCommentsAndStories() async throws {
        try await withEmulator { server in
            let client = TestClient()
            let page = client.get(server.url("me/media", "fields=id,media_type,comments_count&limit=100"))
            let album = try #require(page.data.first { $0["media_type"] as? String == "CAROUSEL_ALBUM" })
            let children = client.get(server.url("\(album["id"]!)/children", "fields=id,media_type,permalink"))
            #expect((2...10).contains(children.data.count))
            #expect(children.data.allSatisfy { $0["permalink"] == nil })

            let busy = try #require(page.data.max { ($0["comments_count"] as! Int) < ($1["comments_count"] as! Int) })
            let comments = client.get(
                server.url("\(busy["id"]!)/comments", "fields=id,text,timestamp,username,like_count&limit=100")
            )
            #expect(comments.status == 200)
            #expect((1...50).contains(comments.data.count))
            let stamps = comments.data.map { $0["timestamp"] as! String }
            #expect(zip(stamps, stamps.dropFirst()).allSatisfy { $0 > $1 })
            #expect(comments.data.allSatisfy { Set($0.keys) == ["id", "text", "timestamp", "username", "like_count"] })

            let stories = client.get(server.url("me/stories", "fields=id,media_product_type,timestamp"))
            #expect(stories.data.count >= 3)
            #expect(stories.data.allSatisfy { $0["media_product_type"] as? String == "STORY" })
        }
    }

    @Test func answersInsightsPerProductType() async throws {
        try await withEmulator { server in
            let client = TestClient()
            let page = client.get(server.url("me/media", "fields=id,media_product_type,timestamp&limit=25"))
            let reel = try #require(page.data.first { $0["media_product_type"] as? String == "REELS" })
            let insights = client.get(
                server.url("\(reel["id"]!)/insights", "metric=reach,views,ig_reels_avg_watch_time")
            )
            #expect(insights.status == 200)
            #expect(insights.data.map { $0["name"] as? String } == ["reach", "views", "ig_reels_avg_watch_time"])
            #expect(insights.data.allSatisfy { $0["period"] as? String == "lifetime" })

            let feed = try #require(page.data.first { $0["media_product_type"] as? String == "FEED" })
            let wrongProduct = client.get(server.url("\(feed["id"]!)/insights", "metric=ig_reels_avg_watch_time"))
            #expect(wrongProduct.errorCode == 100)
            let deprecated = client.get(server.url("\(feed["id"]!)/insights", "metric=impressions"))
            #expect(deprecated.errorCode == 100)
            #expect((deprecated.error?["message"] as? String)?.contains("impressions") == true)
            let badBreakdown = client.get(server.url("\(feed["id"]!)/insights", "metric=reach&breakdown=action_type"))
            #expect(badBreakdown.errorCode == 1)

            let stories = client.get(server.url("me/stories"))
            let oldest = try #require(stories.data.last?["id"] as? String)
            let tooFew = client.get(server.url("\(oldest)/insights", "metric=reach"))
            #expect(tooFew.errorCode == 10)
        }
    }

    @Test func answersAccountInsightsByDay() async throws {
        try await withEmulator { server in
            let client = TestClient()
            let until = 1_788_264_000
            let since = until - 7 * 86_400
            let series = client.get(server.url("me/insights", "metric=reach&period=day&since=\(since)&until=\(until)"))
            let values = try #require(series.data.first?["values"] as? [[String: Any]])
            #expect(values.count == 7)
            #expect(values.allSatisfy { ($0["end_time"] as? String)?.hasSuffix("T07:00:00+0000") == true })
            let totals = client.get(server.url("me/insights", "metric=likes,views&period=day&metric_type=total_value"))
            #expect(totals.data.count == 2)
            #expect(totals.data.allSatisfy { ($0["total_value"] as? [String: Any])?["value"] is Int })
            let needsTotal = client.get(server.url("me/insights", "metric=likes&period=day"))
            #expect(needsTotal.errorCode == 100)
            let tooLong = client.get(server.url("me/insights", "metric=reach&period=day&since=0&until=\(until)"))
            #expect(tooLong.errorCode == 100)
        }
    }

    @Test func refreshesAndExchangesTokensForNewWorkingOnes() async throws {
        try await withEmulator { server in
            let client = TestClient()
            let refreshed = client.get(server.url("refresh_access_token", "grant_type=ig_refresh_token"))
            #expect(refreshed.json?["token_type"] as? String == "bearer")
            #expect(refreshed.json?["expires_in"] as? Int == 5_183_944)
            let token = try #require(refreshed.json?["access_token"] as? String)
            #expect(token.hasPrefix("IGAA") && token != server.accounts[0].token)
            let me = client.get(server.baseURL + "/v23.0/me?fields=user_id&access_token=\(token)")
            #expect(me.data.first?["user_id"] as? String == server.accounts[0].id)
            let exchanged = client.get(server.url("access_token", "grant_type=ig_exchange_token&client_secret=s3cret"))
            #expect((exchanged.json?["access_token"] as? String)?.hasPrefix("IGAA") == true)
            let noSecret = client.get(server.url("access_token", "grant_type=ig_exchange_token"))
            #expect(noSecret.status == 400)
        }
    }

    @Test func givesEachAccountItsOwnDeterministicToken() async throws {
        let configuration = EmulatorConfiguration(accounts: 3)
        let first = try await withEmulator(configuration) { $0.accounts }
        let second = try await withEmulator(configuration) { $0.accounts }
        #expect(first == second)
        #expect(Set(first.map(\.token)).count == 3)
        #expect(Set(first.map(\.id)).count == 3)
        #expect(first.allSatisfy { $0.token.hasPrefix("IGAA") && $0.token.allSatisfy { $0.isLetter || $0.isNumber } })
    }
}

import Foundation
import TestSupport
import Testing

@testable import GraphEmulator

@Suite struct MediaInsightRefusalTests {
    private static let listing = "fields=id,media_type,media_product_type,timestamp&limit=100"

    /// The newest media of each kind on the first page.
    private func newest(_ response: TestClient.Response, type: String, product: String) throws -> String {
        let media = try #require(
            response.data.first {
                $0["media_type"] as? String == type && $0["media_product_type"] as? String == product
            }
        )
        return try #require(media["id"] as? String)
    }

    @Test func writesDownTheServedSetOfEveryKind() {
        let names = { (kind: MediaInsightKind, refuses: Bool) in
            kind.servedMetrics(refusesSharesOnImages: refuses).map(\.name)
        }
        let feed = [
            "comments", "likes", "saved", "reach", "shares", "total_interactions", "views", "reposts", "follows",
            "profile_visits", "profile_activity",
        ]
        #expect(names(.feedImage, false) == feed)
        #expect(names(.feedImage, true) == feed.filter { $0 != "shares" })
        #expect(names(.feedVideo, true) == feed)
        #expect(names(.feedCarousel, true) == feed)
        #expect(
            names(.reels, true) == [
                "comments", "likes", "saved", "reach", "shares", "total_interactions", "views", "reposts",
                "ig_reels_avg_watch_time", "ig_reels_video_view_total_time", "reels_skip_rate", "crossposted_views",
                "facebook_views",
            ]
        )
        #expect(
            names(.story, true) == [
                "reach", "shares", "total_interactions", "views", "reposts", "follows", "profile_visits",
                "profile_activity", "navigation", "replies",
            ]
        )
    }

    @Test(arguments: [EmulatorBehaviour.Profile.standard, .realistic])
    func servesEveryMetricOfEachKindsSet(profile: EmulatorBehaviour.Profile) async throws {
        var configuration = EmulatorConfiguration.profile(profile)
        configuration.behaviour.preConversionShare = 0
        configuration.behaviour.notEnoughViewersShare = 0
        let refuses = configuration.behaviour.refusesSharesOnImages
        try await withEmulator(configuration) { server in
            let client = TestClient()
            let page = client.get(server.url("me/media", Self.listing))
            let kinds: [(String, String, MediaInsightKind)] = [
                ("IMAGE", "FEED", .feedImage), ("VIDEO", "FEED", .feedVideo), ("CAROUSEL_ALBUM", "FEED", .feedCarousel),
                ("VIDEO", "REELS", .reels),
            ]
            for (type, product, kind) in kinds {
                let id = try newest(page, type: type, product: product)
                let names = kind.servedMetrics(refusesSharesOnImages: refuses).map(\.name)
                let insights = client.get(server.url("\(id)/insights", "metric=" + names.joined(separator: ",")))
                #expect(insights.status == 200, "\(kind): \(insights.text)")
                #expect(insights.data.map { $0["name"] as? String } == names)
            }
        }
    }

    @Test func refusesSharesOnFeedImagesInTheRealisticProfileOnly() async throws {
        for profile in EmulatorBehaviour.Profile.allCases {
            var configuration = EmulatorConfiguration.profile(profile)
            configuration.behaviour.notEnoughViewersShare = 0
            try await withEmulator(configuration) { server in
                let client = TestClient()
                let page = client.get(server.url("me/media", Self.listing))
                let image = try newest(page, type: "IMAGE", product: "FEED")
                let answer = client.get(server.url("\(image)/insights", "metric=reach,shares"))
                if profile == .realistic {
                    #expect(answer.status == 400)
                    #expect(answer.errorCode == 100)
                    #expect(
                        answer.error?["message"] as? String
                            == "(#100) The metric shares is not supported for this media type"
                    )
                    let carousel = try newest(page, type: "CAROUSEL_ALBUM", product: "FEED")
                    #expect(client.get(server.url("\(carousel)/insights", "metric=shares")).status == 200)
                } else {
                    #expect(answer.status == 200)
                }
            }
        }
    }

    @Test(arguments: EmulatorBehaviour.Profile.allCases)
    func refusesDeprecatedMetricsAsNoLongerSupported(profile: EmulatorBehaviour.Profile) async throws {
        try await withEmulator(.profile(profile)) { server in
            let client = TestClient()
            let page = client.get(server.url("me/media", Self.listing))
            let reel = try newest(page, type: "VIDEO", product: "REELS")
            for metric in ["impressions", "plays", "video_views"] {
                let answer = client.get(server.url("\(reel)/insights", "metric=reach,\(metric)"))
                #expect(answer.errorCode == 100)
                let message = try #require(answer.error?["message"] as? String)
                #expect(
                    message.hasPrefix("(#100)") && message.contains(metric) && message.contains("no longer supported")
                )
            }
            let feed = try newest(page, type: "IMAGE", product: "FEED")
            let wrongProduct = client.get(server.url("\(feed)/insights", "metric=ig_reels_avg_watch_time"))
            #expect(wrongProduct.errorCode == 100)
            #expect((wrongProduct.error?["message"] as? String)?.contains("media product type") == true)
        }
    }

    @Test func answers2108006ForTheOldestMediaOfTheConfiguredShare() async throws {
        for profile in EmulatorBehaviour.Profile.allCases {
            var configuration = EmulatorConfiguration.profile(profile)
            configuration.behaviour.notEnoughViewersShare = 0
            try await withEmulator(configuration) { server in
                let client = TestClient()
                let (ids, _) = collectAll(client, from: server.url("me/media", "limit=100"))
                #expect(ids.count == 120)
                let oldest = ids.suffix(6)
                for id in oldest {
                    let answer = client.get(server.url("\(id)/insights", "metric=reach"))
                    if profile == .realistic {
                        #expect(answer.status == 400)
                        #expect(answer.errorCode == 100)
                        #expect(answer.error?["error_subcode"] as? Int == 2_108_006)
                        #expect(
                            answer.error?["error_user_title"] as? String
                                == "Media Posted Before Business Account Conversion"
                        )
                    } else {
                        #expect(answer.status == 200)
                    }
                }
                let seventh = ids[ids.count - 7]
                #expect(client.get(server.url("\(seventh)/insights", "metric=reach")).status == 200)
            }
        }
    }

    @Test func takesTheShareOfPreConversionMediaFromTheBehaviour() async throws {
        var configuration = EmulatorConfiguration.profile(.standard)
        configuration.behaviour.preConversionShare = 0.5
        try await withEmulator(configuration) { server in
            let client = TestClient()
            let (ids, _) = collectAll(client, from: server.url("me/media", "limit=100"))
            let refused = ids.filter {
                client.get(server.url("\($0)/insights", "metric=reach")).error?["error_subcode"] as? Int == 2_108_006
            }
            #expect(refused == Array(ids.suffix(60)))
        }
    }

    @Test func answersNotEnoughViewersForTheConfiguredShareOfPosts() async throws {
        for share in [0.0, 1.0] {
            var configuration = EmulatorConfiguration.profile(.standard)
            configuration.behaviour.notEnoughViewersShare = share
            try await withEmulator(configuration) { server in
                let client = TestClient()
                let page = client.get(server.url("me/media", "limit=10"))
                for media in page.data {
                    let answer = client.get(server.url("\(media["id"]!)/insights", "metric=reach"))
                    if share == 1 {
                        #expect(answer.errorCode == 10)
                        #expect(
                            answer.error?["message"] as? String
                                == "(#10) Not enough viewers for the media to show insights"
                        )
                    } else {
                        #expect(answer.status == 200)
                    }
                }
            }
        }
    }

    @Test(arguments: EmulatorBehaviour.Profile.allCases)
    func servesTheStoryMetricSetWhileTheStoryLives(profile: EmulatorBehaviour.Profile) async throws {
        try await withEmulator(.profile(profile)) { server in
            let client = TestClient()
            let stories = client.get(server.url("me/stories", "fields=id,media_product_type,timestamp"))
            let names = MediaInsightKind.story.servedMetrics(refusesSharesOnImages: true).map(\.name)
            var served = 0
            for story in stories.data {
                let answer = client.get(
                    server.url("\(story["id"]!)/insights", "metric=" + names.joined(separator: ","))
                )
                if answer.errorCode == 10 {
                    continue
                }
                #expect(answer.status == 200)
                #expect(answer.data.map { $0["name"] as? String } == names)
                served += 1
            }
            #expect(served > 0)
            let feedOnly = client.get(server.url("\(stories.data[0]["id"]!)/insights", "metric=saved"))
            #expect(feedOnly.errorCode == 100)
        }
    }
}

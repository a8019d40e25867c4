import Foundation
import TestSupport
import Testing

@testable import GraphEmulator

@Suite struct AccountInsightWindowTests {
    private static let reference = Int(DataGenerator.referenceTime)
    private static let day = 86_400
    private static let interactions = [
        "views", "accounts_engaged", "total_interactions", "likes", "comments", "shares", "saves", "replies",
        "profile_links_taps", "follows_and_unfollows",
    ]

    private func window(_ since: Int, _ until: Int) -> String {
        "since=\(since)&until=\(until)"
    }

    @Test(arguments: EmulatorBehaviour.Profile.allCases)
    func servesInteractionMetricsOnlyAsTotalValues(profile: EmulatorBehaviour.Profile) async throws {
        try await withEmulator(.profile(profile)) { server in
            let client = TestClient()
            let range = window(Self.reference - 2 * Self.day, Self.reference - Self.day)
            for metric in Self.interactions {
                let series = client.get(server.url("me/insights", "metric=\(metric)&period=day&\(range)"))
                #expect(series.errorCode == 100, "\(metric)")
                let total = client.get(
                    server.url("me/insights", "metric=\(metric)&period=day&metric_type=total_value&\(range)")
                )
                let item = try #require(total.data.first)
                #expect(item["name"] as? String == metric)
                #expect((item["total_value"] as? [String: Any])?["value"] is Int)
                #expect(item["values"] == nil)
            }
            let reachSeries = client.get(server.url("me/insights", "metric=reach&period=day&\(range)"))
            #expect((reachSeries.data.first?["values"] as? [[String: Any]])?.count == 1)
            let reachTotal = client.get(server.url("me/insights", "metric=reach&period=day&metric_type=total_value"))
            #expect((reachTotal.data.first?["total_value"] as? [String: Any])?["value"] is Int)
        }
    }

    @Test(arguments: EmulatorBehaviour.Profile.allCases)
    func refusesFollowerCountForAccountsUnderOneHundredFollowersAndWindowsOverThirtyDays(
        profile: EmulatorBehaviour.Profile
    ) async throws {
        try await withEmulator(.profile(profile, accounts: 3)) { server in
            let client = TestClient()
            let recent = window(Self.reference - 7 * Self.day, Self.reference)
            let big = client.get(server.url("me/insights", "metric=follower_count&period=day&\(recent)", account: 0))
            #expect(big.status == 200)
            let small = client.get(server.url("me/insights", "metric=follower_count&period=day&\(recent)", account: 2))
            #expect(small.errorCode == 100)
            let long = window(Self.reference - 31 * Self.day, Self.reference)
            #expect(client.get(server.url("me/insights", "metric=reach&period=day&\(long)")).errorCode == 100)
        }
    }

    @Test(arguments: EmulatorBehaviour.Profile.allCases)
    func keepsFollowerCountToTheLastThirtyDaysWithRetention(profile: EmulatorBehaviour.Profile) async throws {
        try await withEmulator(.profile(profile)) { server in
            let client = TestClient()
            let older = window(Self.reference - 40 * Self.day, Self.reference - 35 * Self.day)
            let followers = client.get(server.url("me/insights", "metric=follower_count&period=day&\(older)"))
            let reach = client.get(server.url("me/insights", "metric=reach&period=day&\(older)"))
            #expect(reach.status == 200)
            if profile == .realistic {
                #expect(followers.status == 400)
                #expect(followers.errorCode == 100)
                #expect((followers.error?["message"] as? String)?.contains("30 days") == true)
            } else {
                #expect(followers.status == 200)
            }
        }
    }

    @Test(arguments: EmulatorBehaviour.Profile.allCases)
    func refusesWindowsReachingPastTheNinetyDayRetention(profile: EmulatorBehaviour.Profile) async throws {
        try await withEmulator(.profile(profile)) { server in
            let client = TestClient()
            let beyond = window(Self.reference - 100 * Self.day, Self.reference - 95 * Self.day)
            let inside = window(Self.reference - 89 * Self.day, Self.reference - 80 * Self.day)
            for query in ["metric=reach&period=day", "metric=views&period=day&metric_type=total_value"] {
                let old = client.get(server.url("me/insights", "\(query)&\(beyond)"))
                if profile == .realistic {
                    #expect(old.errorCode == 100)
                    #expect((old.error?["message"] as? String)?.contains("90 days") == true)
                } else {
                    #expect(old.status == 200)
                }
                #expect(client.get(server.url("me/insights", "\(query)&\(inside)")).status == 200)
            }
        }
    }
}

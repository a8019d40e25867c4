import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport
import Testing

@testable import IGOps

@Suite struct FirstRunCheckTests {
    /// Every stream on, as a first real run would have it.
    static var everyStream: ExtractConfig {
        var extract = ExtractConfig()
        extract.profile = ProfileConfig()
        extract.media = MediaConfig()
        extract.stories = StoriesConfig()
        extract.mediaInsights = MediaInsightsConfig()
        var insights = AccountInsightsConfig()
        insights.metrics = ["reach", "follower_count", "views", "accounts_engaged"]
        extract.accountInsights = insights
        extract.comments = CommentsConfig()
        return extract
    }

    /// 2026-06-01T12:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_780_315_200)

    static let firstPage = graphData([
        ["id": "1", "media_type": "IMAGE", "media_product_type": "FEED", "comments_count": 0],
        ["id": "2", "media_type": "IMAGE", "media_product_type": "FEED", "comments_count": 3],
        ["id": "3", "media_type": "VIDEO", "media_product_type": "REELS", "comments_count": 0],
        [
            "id": "4", "media_type": "CAROUSEL_ALBUM", "media_product_type": "FEED",
            "children": ["data": [["id": "41"], ["id": "42"]]],
        ],
    ])

    static let sharesRefused = GraphError(
        code: 100,
        message: "(#100) The metric shares is not supported for this media type"
    )

    /// The answers of a healthy account: every request answered, except what `refuse` throws for.
    static func account(
        refuse: @escaping @Sendable (ScriptedGraph.Request) -> GraphError? = { _ in nil }
    ) -> ScriptedGraph {
        ScriptedGraph { request in
            if let error = refuse(request) { throw error }
            switch request.path {
            case "me": return ["user_id": "17841400000000001", "username": "coast", "media_count": 4]
            case "me/media": return firstPage
            case "me/stories": return graphData([["id": "9", "media_type": "IMAGE", "media_product_type": "STORY"]])
            case "me/insights":
                let total = request.parameters["metric_type"] == "total_value"
                return graphData(
                    request.metrics.map { metric -> JSONObject in
                        total
                            ? ["name": .string(metric), "total_value": ["value": 12]]
                            : [
                                "name": .string(metric),
                                "values": [["value": 5, "end_time": "2026-06-01T07:00:00+0000"]],
                            ]
                    }
                )
            case "2/comments":
                return graphData([
                    ["id": "c1", "text": "hi", "replies": ["data": [["id": "r1"], ["id": "r2"]]]], ["id": "c2"],
                ])
            default: return insightsAnswer(request)
            }
        }
    }

    static func check(_ graph: ScriptedGraph, extract: ExtractConfig = everyStream) async -> FirstRunReport {
        await FirstRunCheck(checks: [GraphAPICheck(client: graph, account: "me", extract: extract, now: now)]).run()
    }

    static func result(_ report: FirstRunReport, _ stream: StreamKind) throws -> CheckResult {
        try #require(report.results.first { $0.name == stream.rawValue })
    }

    @Test func aHealthyAccountIsOkOnEveryStreamInTheRunsOrder() async throws {
        let report = await Self.check(Self.account())
        #expect(report.results.map(\.name) == StreamKind.allCases.map(\.rawValue))
        #expect(report.results.allSatisfy { $0.status == .ok }, "\(report.results.map(\.summary))")
        #expect(report.failure == nil)
        #expect(try Self.result(report, .media).summary.contains("1 carousel with 2 children"))
        #expect(try Self.result(report, .comments).summary.contains("2 comments and 2 replies"))
    }

    @Test func sharesRefusedOnFeedImagesIsAskedAgainWithoutAndReportedAsASkip() async throws {
        let graph = Self.account { request in
            request.path == "1/insights" && request.metrics.contains("shares") ? Self.sharesRefused : nil
        }
        let report = await Self.check(graph)
        let insights = try Self.result(report, .mediaInsights)
        #expect(insights.status == .partial)
        #expect(insights.failure == nil)
        #expect(report.failure == nil)
        let refusal = try #require(insights.refusals.first)
        #expect(insights.refusals.count == 1)
        #expect(refusal.subject == "metric shares for FEED IMAGE media")
        #expect(refusal.apiSaid == "code 100: \"(#100) The metric shares is not supported for this media type\"")
        #expect(refusal.action == "the run skips it for FEED IMAGE media and counts it as skipped")
        let imageRequests = graph.requests.filter { $0.path == "1/insights" }
        #expect(imageRequests.count == 2)
        #expect(imageRequests.last?.metrics == InsightMetrics.mediaDefaults["FEED"]!.filter { $0 != "shares" })
        #expect(insights.summary.contains("FEED IMAGE 8 of 9 metrics"))
        #expect(insights.summary.contains("REELS 9 of 9 metrics"))
        #expect(insights.summary.contains("STORY 7 of 7 metrics"), "the live story's insights are tried too")
    }

    @Test func oneInsightsRequestPerKindOfMediaWhenNothingIsRefused() async throws {
        let graph = Self.account()
        _ = await Self.check(graph)
        let asked = graph.requests.filter { $0.path.hasSuffix("/insights") && $0.path != "me/insights" }.map(\.path)
        #expect(asked == ["1/insights", "3/insights", "4/insights", "9/insights"])
    }

    @Test func aRefusalThatNamesNoMetricIsNarrowedDownOneMetricAtATime() async throws {
        let graph = Self.account { request in
            guard request.path == "3/insights", request.metrics.contains("saved") else { return nil }
            return GraphError(code: 100, message: "(#100) An invalid metric was requested")
        }
        let insights = try Self.result(await Self.check(graph), .mediaInsights)
        #expect(insights.refusals.map(\.subject) == ["metric saved for REELS media"])
        #expect(insights.summary.contains("REELS 8 of 9 metrics"))
    }

    @Test func mediaPostedBeforeTheConversionIsASkipAndTheNextMediaOfItsKindIsTried() async throws {
        let graph = Self.account { request in
            request.path == "1/insights"
                ? GraphError(code: 100, subcode: 2_108_006, message: "Media Posted Before Business Account Conversion")
                : nil
        }
        let report = await Self.check(graph)
        let insights = try Self.result(report, .mediaInsights)
        #expect(insights.status == .partial)
        #expect(report.failure == nil)
        #expect(insights.refusals.first?.subject == "the figures of media 1 (FEED IMAGE)")
        #expect(insights.refusals.first?.action.contains("(before_business_conversion)") == true)
        #expect(graph.requests.contains { $0.path == "2/insights" })
        #expect(insights.summary.contains("FEED IMAGE 9 of 9 metrics"))
    }

    @Test func anExpiredTokenStopsAtTheProfileAndLeavesTheOtherStreamsUnchecked() async throws {
        let graph = Self.account { _ in
            GraphError(code: 190, subcode: 463, message: "Error validating access token: Session has expired")
        }
        let report = await Self.check(graph)
        #expect(graph.requests.count == 1)
        #expect(try Self.result(report, .profile).status == .refused)
        #expect(report.results.dropFirst().allSatisfy { $0.status == .unchecked })
        #expect((report.failure as? GraphError)?.category == .auth)
    }

    @Test func aMissingInsightsPermissionFailsThatStreamAndTheOthersAreStillTried() async throws {
        let graph = Self.account { request in
            request.path == "1/insights"
                ? GraphError(code: 10, message: "(#10) Application does not have permission for this action")
                : nil
        }
        let report = await Self.check(graph)
        let insights = try Self.result(report, .mediaInsights)
        #expect(insights.status == .refused)
        #expect((insights.failure as? GraphError)?.category == .permission)
        #expect(try Self.result(report, .comments).status == .ok)
        #expect((report.failure as? GraphError)?.category == .permission)
    }

    @Test func accountInsightsAskYesterdayWithInteractionMetricsAsTotalValues() async throws {
        let graph = Self.account { request in
            guard request.path == "me/insights", request.metrics.contains("follower_count") else { return nil }
            return GraphError(
                code: 100,
                message: "(#100) follower_count is not available for accounts with fewer than 100 followers"
            )
        }
        let report = await Self.check(graph)
        let insights = try Self.result(report, .accountInsights)
        let asked = graph.requests.filter { $0.path == "me/insights" }
        #expect(asked.map(\.metrics) == [["reach", "follower_count"], ["reach"], ["views", "accounts_engaged"]])
        #expect(asked.map { $0.parameters["metric_type"] } == [nil, nil, "total_value"])
        #expect(asked.allSatisfy { $0.parameters["since"] == "1780185600" && $0.parameters["until"] == "1780272000" })
        #expect(insights.status == .partial)
        #expect(insights.refusals.map(\.subject) == ["account metric follower_count"])
        #expect(
            insights.summary
                == "yesterday: reach 1 daily value, views 12 (total_value), accounts_engaged 12 (total_value)"
        )
        #expect(report.failure == nil)
    }

    @Test func commentsAreAskedWithRepliesOfTheFirstMediaThatHasComments() async throws {
        let graph = Self.account()
        _ = await Self.check(graph)
        let request = try #require(graph.requests.first { $0.path.hasSuffix("/comments") })
        #expect(request.path == "2/comments")
        #expect(
            request.parameters["fields"]
                == "id,text,timestamp,username,like_count,replies{id,text,timestamp,username,like_count}"
        )
    }

    @Test func aMediaCountAboveTheListingCapIsNoted() async throws {
        let graph = ScriptedGraph { request in
            request.path == "me" ? ["user_id": "1", "media_count": 12_000] : Self.firstPage
        }
        var extract = ExtractConfig()
        extract.profile = ProfileConfig()
        extract.media = MediaConfig()
        let media = try Self.result(await Self.check(graph, extract: extract), .media)
        #expect(media.notes.contains { $0.contains("counts 12000 media, but the API lists only the 10,000 newest") })
    }

    @Test func theTextReportHasALinePerStreamTheAPIsWordsAndTheVerdict() async throws {
        let graph = Self.account { request in
            request.path == "1/insights" && request.metrics.contains("shares") ? Self.sharesRefused : nil
        }
        let text = await Self.check(graph).text { _ in 99 }
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first { $0.hasPrefix("media_insights ") }?.contains("  partial  ") == true)
        #expect(lines.contains("    refused: metric shares for FEED IMAGE media: " + Self.sharesRefusedWords))
        #expect(lines.contains("      so: the run skips it for FEED IMAGE media and counts it as skipped"))
        #expect(lines.last?.hasPrefix("verdict: a run would succeed (exit 0)") == true)
    }

    @Test func theVerdictNamesTheStreamAndTheExitCodeARunWouldStopWith() async throws {
        let graph = Self.account { request in
            request.path == "me/stories" ? GraphError(code: 200, message: "(#200) Permissions error") : nil
        }
        let report = await Self.check(graph)
        let text = report.text { _ in 77 }
        #expect(text.contains("    stops the run (exit 77): permission denied (code 200)"))
        #expect(text.hasSuffix("verdict: a run would stop at stories with exit 77"))
        let json = report.json { _ in 77 }
        #expect(json["exit_code"] == .int(77))
        let stories = json["streams"]?.arrayValue?.first { $0.objectValue?["name"] == "stories" }?.objectValue
        #expect(stories?["status"] == "refused")
        #expect(stories?["failure"]?.objectValue?["code"] == .int(200))
    }

    static let sharesRefusedWords = "code 100: \"(#100) The metric shares is not supported for this media type\""
}

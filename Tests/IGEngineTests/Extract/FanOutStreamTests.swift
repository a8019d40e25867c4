import Foundation
import IGCore
import IGGraph
import TestSupport
import Testing

@testable import IGEngine

@Suite struct FanOutStreamTests {
    static func wide(_ metrics: [String]) -> MediaInsightsConfig {
        var config = MediaInsightsConfig()
        config.metrics = metrics
        config.shape = .wide
        return config
    }

    static func long(_ metrics: [String]) -> MediaInsightsConfig {
        var config = MediaInsightsConfig()
        config.metrics = metrics
        return config
    }

    /// An insights answer with one lifetime value per metric.
    static func answer(_ metrics: [String]) -> JSONObject {
        JSONObject([
            (
                "data",
                .array(metrics.map { .object(["name": .string($0), "period": "lifetime", "values": [["value": 5]]]) })
            )
        ])
    }

    @Test func aRefusedMetricIsAskedAgainWithoutAndNotAskedAgainForThatKindOfMedia() async throws {
        let fetcher = ScriptedGraph { request in
            let metrics = request.metrics
            if metrics.contains("shares") {
                throw GraphError(code: 100, message: "(#100) The metric shares is not supported for this media type")
            }
            return Self.answer(metrics)
        }
        let media = ["1", "2"].map {
            JSONObject([("id", .string($0)), ("media_product_type", "FEED"), ("media_type", "IMAGE")])
        }
        let refused = RefusedMetrics()
        // One media at a time, so that the second is asked for after the first taught the memory.
        let stream = MediaInsightsStream(
            fetcher.context(concurrency: 1),
            config: Self.long(["reach", "shares", "likes"]),
            refused: refused,
            media: media
        )
        let page = try #require(try await collect(stream).first)
        #expect(page.records.count == 4)
        #expect(page.records.map { $0["metric"] } == ["reach", "likes", "reach", "likes"])
        #expect(page.records.allSatisfy { $0["value"] == .int(5) && $0["reason"] == .null })
        #expect(page.skipped == ["metric_not_supported": 2])
        #expect(refused.metrics(for: "FEED/IMAGE") == ["shares"])
        let refusedRequests = fetcher.requests.filter { $0.metrics.contains("shares") }
        #expect(refusedRequests.count == 1)
    }

    @Test func aRefusalThatNamesNoMetricIsResolvedOneMetricAtATime() async throws {
        let fetcher = ScriptedGraph { request in
            let metrics = request.metrics
            if metrics.contains("views") { throw GraphError(code: 100, message: "(#100) Invalid parameter") }
            return Self.answer(metrics)
        }
        let media = [JSONObject([("id", "1"), ("media_product_type", "REELS")])]
        let stream = MediaInsightsStream(
            fetcher.context(),
            config: Self.wide(["reach", "views"]),
            refused: RefusedMetrics(),
            media: media
        )
        let page = try #require(try await collect(stream).first)
        #expect(page.records.first?["reach"] == .int(5))
        #expect(page.records.first?["views"] == .null)
        #expect(page.skipped == ["metric_not_supported": 1])
    }

    @Test func mediaPostedBeforeTheBusinessConversionHaveNullFiguresWithTheReason() async throws {
        let fetcher = ScriptedGraph { _ in
            throw GraphError(code: 100, subcode: 2_108_006, message: "Invalid parameter")
        }
        let media = [JSONObject([("id", "1"), ("media_product_type", "FEED")])]
        let stream = MediaInsightsStream(
            fetcher.context(),
            config: Self.long(["reach", "likes"]),
            refused: RefusedMetrics(),
            media: media
        )
        let page = try #require(try await collect(stream).first)
        #expect(page.records.map { $0["reason"] } == ["before_business_conversion", "before_business_conversion"])
        #expect(page.skipped == ["before_business_conversion": 1])
    }

    @Test func repliesComeFromTheExpansionAndTheRepliesEdgeWithTheirParent() async throws {
        let fetcher = ScriptedGraph { request in
            if request.path == "c1/replies" {
                #expect(request.after == "r2")
                return graphPage([JSONObject([("id", "r3"), ("text", "third")])])
            }
            #expect(request.parameters["fields"]?.contains("replies{") == true)
            let replies = graphPage([JSONObject([("id", "r1")]), JSONObject([("id", "r2")])], after: "r2")
            return graphPage([JSONObject([("id", "c1"), ("text", "top"), ("replies", .object(replies))])])
        }
        let media = [JSONObject([("id", "9"), ("comments_count", .int(4))])]
        let page = try #require(
            try await collect(
                CommentsStream(fetcher.context(), config: CommentsConfig(), refused: RefusedMetrics(), media: media)
            ).first
        )
        #expect(page.records.map { $0["id"] } == ["c1", "r1", "r2", "r3"])
        #expect(page.records.map { $0["parent_id"] } == [.null, "c1", "c1", "c1"])
        #expect(page.records.allSatisfy { $0["replies"] == nil && $0["media_id"] == "9" })
    }

    @Test func anAPIThatRefusesRepliesIsAskedForTopLevelCommentsAndTheSkipIsCounted() async throws {
        let fetcher = ScriptedGraph { request in
            if request.parameters["fields"]?.contains("replies") == true {
                throw GraphError(code: 100, message: "(#100) Tried accessing nonexisting field (replies)")
            }
            return graphPage([JSONObject([("id", "c1")])])
        }
        let media = ["1", "2"].map { JSONObject([("id", .string($0)), ("comments_count", .int(1))]) }
        let refused = RefusedMetrics()
        let stream = CommentsStream(fetcher.context(), config: CommentsConfig(), refused: refused, media: media)
        let page = try #require(try await collect(stream).first)
        #expect(page.records.count == 2)
        #expect(page.skipped == ["replies_not_served": 2])
        #expect(fetcher.requests.filter { $0.parameters["fields"]?.contains("replies") == true }.count <= 2)
    }

    @Test func followerCountIsAskedOnlyForItsLastThirtyDaysAndTotalsDayByDay() async throws {
        let fetcher = ScriptedGraph { request in
            if request.parameters["metric_type"] == "total_value" {
                let metrics = request.metrics
                return JSONObject([
                    ("data", .array(metrics.map { .object(["name": .string($0), "total_value": ["value": 3]]) }))
                ])
            }
            return ["data": []]
        }
        var config = AccountInsightsConfig()
        config.metrics = ["reach", "follower_count"]
        config.totals = ["views"]
        config.days = 40
        let clock = ManualClock()
        let pages = try await collect(
            AccountInsightsStream(fetcher.context(clock: clock), config: config, start: StreamPosition())
        )
        let series = fetcher.requests.filter { $0.parameters["metric_type"] == nil }
        #expect(series.map { $0.parameters["metric"] } == ["reach", "reach,follower_count"])
        let totals = fetcher.requests.filter { $0.parameters["metric_type"] == "total_value" }
        #expect(totals.count == 40)
        #expect(pages.flatMap(\.records).filter { $0["metric"] == "views" }.count == 40)
        let ends = pages.flatMap(\.records).compactMap { $0["end_time"]?.stringValue }
        #expect(Set(ends).count == ends.count)
    }

    @Test func anAccountMetricTheAPIRefusesIsSkippedForThatWindowAndTheOthersKept() async throws {
        let fetcher = ScriptedGraph { request in
            if request.metrics.contains("follower_count") {
                throw GraphError(code: 100, message: "(#100) follower_count is not available for this account")
            }
            return [
                "data": [
                    [
                        "name": "reach", "period": "day",
                        "values": [["value": 1, "end_time": "2025-01-02T08:00:00+0000"]],
                    ]
                ]
            ]
        }
        var config = AccountInsightsConfig()
        config.metrics = ["reach", "follower_count"]
        config.totals = []
        config.days = 2
        let page = try #require(
            try await collect(AccountInsightsStream(fetcher.context(), config: config, start: StreamPosition())).first
        )
        #expect(page.records.map { $0["metric"] } == ["reach"])
        #expect(page.skipped == ["metric_not_supported": 1])
    }

    @Test func aMediaWhoseIdIsAJSONNumberGetsItsInsightsAndComments() async throws {
        let fetcher = ScriptedGraph { request in
            if request.path == "42/insights" {
                return ["data": [["name": "reach", "values": [["value": 7]]]]]
            }
            return graphPage([JSONObject([("id", "c1"), ("text", "hi")])])
        }
        let media = [JSONObject([("id", .int(42)), ("media_product_type", "FEED"), ("comments_count", .int(1))])]
        let context = fetcher.context()
        let insights = try await collect(
            MediaInsightsStream(context, config: Self.wide(["reach"]), refused: RefusedMetrics(), media: media)
        )
        #expect(insights.first?.records.first?["reach"] == .int(7))
        let comments = try await collect(
            CommentsStream(context, config: CommentsConfig(), refused: RefusedMetrics(), media: media)
        )
        #expect(comments.first?.records.first?["media_id"] == "42")
    }

    @Test func tooFewViewersNullsOneMediaAndCountsItAsSkipped() async throws {
        let fetcher = ScriptedGraph { _ in
            throw GraphError(code: 10, message: "(#10) Not enough viewers for the media to show insights")
        }
        let media = [JSONObject([("id", "1"), ("media_product_type", "FEED")])]
        let stream = MediaInsightsStream(
            fetcher.context(),
            config: Self.long(["reach"]),
            refused: RefusedMetrics(),
            media: media
        )
        let page = try #require(try await collect(stream).first)
        #expect(page.records.first?["value"] == .null)
        #expect(page.records.first?["reason"] == "too_few_viewers")
        #expect(page.skipped == ["too_few_viewers": 1])
    }

    @Test func aCommentsEdgeThatGivesFarMoreThanTheMediaAnnouncedStops() async throws {
        let fetcher = ScriptedGraph { request in
            let page = Int(request.after?.dropFirst() ?? "0")!
            return graphPage((0..<50).map { JSONObject([("id", .string("c\(page)-\($0)"))]) }, after: "p\(page + 1)")
        }
        let media = [JSONObject([("id", "1"), ("comments_count", .int(3))])]
        await #expect {
            _ = try await collect(
                CommentsStream(fetcher.context(), config: CommentsConfig(), refused: RefusedMetrics(), media: media)
            )
        } throws: { error in
            (error as? PagingError)?.edge == "1/comments"
        }
    }

    @Test func accountInsightsAreReadInWindowsOfAtMostThirtyDaysUpToToday() async throws {
        let fetcher = ScriptedGraph { _ in ["data": []] }
        var config = AccountInsightsConfig()
        config.days = 45
        config.totals = []
        let clock = ManualClock()
        let pages = try await collect(
            AccountInsightsStream(fetcher.context(clock: clock), config: config, start: StreamPosition())
        )
        let windows = fetcher.requests.map { (Int64($0.parameters["since"]!)!, Int64($0.parameters["until"]!)!) }
        #expect(windows.count == 2)
        #expect(windows.allSatisfy { $0.1 - $0.0 <= 30 * 86_400 })
        #expect(windows[0].1 == windows[1].0)
        #expect(pages.last?.position?.done == true)
        #expect(windows.last?.1 == Int64(clock.now.timeIntervalSince1970) / 86_400 * 86_400)
    }
}

import Foundation
import IGCore
import IGGraph
import TestSupport
import Testing

@testable import IGEngine

@Suite struct FanOutStreamTests {
    @Test func aMediaWhoseIdIsAJSONNumberGetsItsInsightsAndComments() async throws {
        let fetcher = ScriptedFetcher { request in
            if request.path == "42/insights" {
                return ["data": [["name": "reach", "values": [["value": 7]]]]]
            }
            return graphPage([JSONObject([("id", "c1"), ("text", "hi")])])
        }
        let media = [JSONObject([("id", .int(42)), ("media_product_type", "FEED"), ("comments_count", .int(1))])]
        let context = fetcher.context()
        let insights = try await collect(MediaInsightsStream(context, metrics: ["reach"], media: media))
        #expect(insights.first?.records.first?["reach"] == .int(7))
        let comments = try await collect(CommentsStream(context, config: CommentsConfig(), media: media))
        #expect(comments.first?.records.first?["media_id"] == "42")
    }

    @Test func tooFewViewersNullsOneMediaAndCountsItAsSkipped() async throws {
        let fetcher = ScriptedFetcher { _ in
            throw GraphError(code: 10, message: "(#10) Not enough viewers for the media to show insights")
        }
        let media = [JSONObject([("id", "1"), ("media_product_type", "FEED")])]
        let page = try #require(
            try await collect(MediaInsightsStream(fetcher.context(), metrics: ["reach"], media: media)).first
        )
        #expect(page.records.first?["reach"] == .null)
        #expect(page.skipped == ["too_few_viewers": 1])
    }

    @Test func aCommentsEdgeThatGivesFarMoreThanTheMediaAnnouncedStops() async throws {
        let fetcher = ScriptedFetcher { request in
            let page = Int(request.after?.dropFirst() ?? "0")!
            return graphPage((0..<50).map { JSONObject([("id", .string("c\(page)-\($0)"))]) }, after: "p\(page + 1)")
        }
        let media = [JSONObject([("id", "1"), ("comments_count", .int(3))])]
        await #expect {
            _ = try await collect(CommentsStream(fetcher.context(), config: CommentsConfig(), media: media))
        } throws: { error in
            (error as? PagingError)?.edge == "1/comments"
        }
    }

    @Test func accountInsightsAreReadInWindowsOfAtMostThirtyDaysUpToToday() async throws {
        let fetcher = ScriptedFetcher { _ in ["data": []] }
        var config = AccountInsightsConfig()
        config.days = 45
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

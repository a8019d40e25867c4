import Foundation
import IGCore
import IGGraph
import TestSupport
import Testing

@testable import IGEngine

@Suite struct EdgeStreamTests {
    static let config = MediaConfig()

    static func stream(
        _ fetcher: ScriptedGraph,
        start: StreamPosition = StreamPosition(),
        clock: ManualClock = ManualClock(),
        logs: LogCapture = LogCapture(),
        bookmark: String? = nil,
        config: MediaConfig = config,
        announced: Int? = nil
    ) -> MediaStream {
        MediaStream(
            fetcher.context(clock: clock, logs: logs),
            config: config,
            start: start,
            cursorTTL: .seconds(3600),
            bookmark: bookmark,
            announced: announced
        )
    }

    @Test func pagesToTheEndAndEachPageCarriesThePositionAfterIt() async throws {
        let fetcher = ScriptedGraph { request in
            switch request.after {
            case nil: graphPage([media("3", at: 300), media("2", at: 200)], after: "c1")
            default: graphPage([media("1", at: 100)])
            }
        }
        let pages = try await collect(Self.stream(fetcher))
        #expect(pages.map { $0.records.compactMap { $0["id"]?.stringValue } } == [["3", "2"], ["1"]])
        #expect(pages[0].position?.cursor == "c1")
        #expect(pages[0].position?.done == false)
        #expect(pages[0].position?.lastID == "2")
        #expect(pages[1].position?.done == true)
        #expect(pages[1].position?.records == 3)
        #expect(pages[1].position?.newestTimestamp == media("3", at: 300)["timestamp"]?.stringValue)
        #expect(fetcher.requests.map(\.after) == [nil, "c1"])
    }

    @Test func aNewerMediaOnALaterPageIsWrittenNotDropped() async throws {
        let fetcher = ScriptedGraph { request in
            request.after == nil
                ? graphPage([media("3", at: 300), media("2", at: 200)], after: "c1")
                : graphPage([media("9", at: 900), media("1", at: 100)])
        }
        let ids = try await collect(Self.stream(fetcher)).flatMap(\.records).compactMap { $0["id"]?.stringValue }
        #expect(ids == ["3", "2", "9", "1"])
    }

    @Test func aRepeatedCursorStopsTheStreamAsBadData() async throws {
        let fetcher = ScriptedGraph { _ in graphPage([media("1", at: 100)], after: "same") }
        await #expect {
            _ = try await collect(Self.stream(fetcher))
        } throws: { error in
            (error as? PagingError)?.kind == .repeatedCursor("same")
        }
    }

    @Test func pagesThatBringNoNewRecordStopTheStream() async throws {
        let fetcher = ScriptedGraph { request in
            let next = "c\(Int(request.after?.dropFirst() ?? "0")! + 1)"
            return graphPage([media("1", at: 100)], after: next)
        }
        await #expect {
            _ = try await collect(Self.stream(fetcher))
        } throws: { error in
            (error as? PagingError)?.kind == .noProgress(pages: PagingGuard.maxPagesWithoutNewRecords)
        }
        #expect(fetcher.requests.count == PagingGuard.maxPagesWithoutNewRecords + 1)
    }

    @Test func readingFarPastTheAnnouncedCountStopsTheStream() async throws {
        let fetcher = ScriptedGraph { request in
            let page = Int(request.after?.dropFirst() ?? "0")!
            return graphPage(
                (0..<50).map { media("\(page * 50 + $0)", at: 1_000_000 - Int64(page * 50 + $0)) },
                after: "c\(page + 1)"
            )
        }
        await #expect {
            _ = try await collect(Self.stream(fetcher, announced: 10))
        } throws: { error in
            if case .pastAnnounced(_, let announced)? = (error as? PagingError)?.kind { return announced == 10 }
            return false
        }
    }

    @Test func aRefusedCursorResumesByTimeWindowAndSkipsTheIdsWrittenAtItsSecond() async throws {
        var saved = StreamPosition(cursor: "old")
        saved.cursorSavedAt = ManualClock().now
        saved.lastTimestamp = media("5", at: 500)["timestamp"]?.stringValue
        saved.idsAtLastTimestamp = ["5"]
        saved.pages = 1
        let logs = LogCapture()
        let fetcher = ScriptedGraph { request in
            if request.after == "old" {
                throw GraphError(code: 100, message: "Invalid cursor: the cursor has expired")
            }
            #expect(request.parameters["until"] == String(1_735_689_600 + 500))
            return graphPage([media("5", at: 500), media("4", at: 500), media("3", at: 300)])
        }
        let pages = try await collect(Self.stream(fetcher, start: saved, logs: logs))
        #expect(pages.flatMap(\.records).compactMap { $0["id"]?.stringValue } == ["4", "3"])
        #expect(logs.lines.contains { $0.contains("the saved cursor was refused") })
    }

    @Test func aStaleCursorIsNotSentAndTheStreamResumesByTimeWindow() async throws {
        let clock = ManualClock()
        var saved = StreamPosition(cursor: "old")
        saved.cursorSavedAt = clock.now
        saved.lastTimestamp = media("5", at: 500)["timestamp"]?.stringValue
        clock.advance(by: .seconds(3601))
        let fetcher = ScriptedGraph { _ in graphPage([media("4", at: 400)]) }
        _ = try await collect(Self.stream(fetcher, start: saved, clock: clock))
        #expect(fetcher.requests.map(\.after) == [nil])
        #expect(fetcher.requests.first?.parameters["until"] != nil)
    }

    @Test func aTimeWindowResumeStopsAtARecordWithoutATimestampInsteadOfWritingItTwice() async throws {
        var saved = StreamPosition()
        saved.lastTimestamp = media("5", at: 500)["timestamp"]?.stringValue
        let fetcher = ScriptedGraph { _ in graphPage([JSONObject([("id", "4")])]) }
        await #expect {
            _ = try await collect(Self.stream(fetcher, start: saved))
        } throws: { error in
            (error as? PagingError)?.kind == .untimedRecord(id: "4")
        }
    }

    @Test func aFutureDatedMediaIsWrittenButNeverBecomesTheNewestTimestamp() async throws {
        let clock = ManualClock()
        let future = JSONObject([("id", "9"), ("timestamp", "2999-01-01T00:00:00+0000")])
        let now = Timestamp(clock.now).rfc3339
        let fetcher = ScriptedGraph { _ in
            graphPage([future, JSONObject([("id", "1"), ("timestamp", .string(now))])])
        }
        let page = try #require(try await collect(Self.stream(fetcher, clock: clock)).first)
        #expect(page.records.count == 2)
        #expect(page.position?.newestTimestamp == now)
        #expect(page.skipped == ["future_timestamp": 1])
    }

    @Test func anIncrementalRunEndsAtTheFirstMediaOlderThanTheBookmarkLessTheLookback() async throws {
        var config = Self.config
        config.mode = .incremental
        config.lookback = .seconds(100)
        let fetcher = ScriptedGraph { _ in
            graphPage([media("4", at: 400), media("3", at: 300), media("2", at: 200)], after: "c1")
        }
        let bookmark = media("3", at: 350)["timestamp"]?.stringValue
        let pages = try await collect(Self.stream(fetcher, bookmark: bookmark, config: config))
        #expect(pages.flatMap(\.records).compactMap { $0["id"]?.stringValue } == ["4", "3"])
        #expect(pages.last?.position?.done == true)
        #expect(fetcher.requests.count == 1)
    }

    @Test func aWindowedPageWithATimeBasedNextLinkIsFollowedByItsUntil() async throws {
        var saved = StreamPosition()
        saved.lastTimestamp = media("9", at: 900)["timestamp"]?.stringValue
        let fetcher = ScriptedGraph { request in
            request.parameters["until"] == String(1_735_689_600 + 900)
                ? graphPage([media("8", at: 800)])
                : graphPage([media("7", at: 700)])
        }
        let wrapped = ScriptedGraph { request in
            var page = try fetcher.answer(to: request)
            if request.parameters["until"] == String(1_735_689_600 + 900) {
                page.append("next_until", .int(1_735_689_600 + 799))
            }
            return page
        }
        let pages = try await collect(Self.stream(wrapped, start: saved))
        #expect(pages.flatMap(\.records).compactMap { $0["id"]?.stringValue } == ["8", "7"])
        #expect(
            wrapped.requests.map { $0.parameters["until"] } == [
                String(1_735_689_600 + 900), String(1_735_689_600 + 799),
            ]
        )
        #expect(pages.last?.position?.done == true)
    }
}

import TestSupport
import Testing

@testable import IGCore
@testable import IGGraph

@Suite struct GraphClientPagingTests {
    private func harness(_ bodies: [String]) throws -> GraphClientRetryTests.Harness {
        try GraphClientRetryTests.Harness(bodies.map { ScriptedServer.Response.json($0) })
    }

    @Test func returnsTheAfterCursorAndWhetherANextPageExists() async throws {
        let harness = try harness([
            #"{"data":[{"id":"1"}],"paging":{"cursors":{"before":"B","after":"C1"},"next":"https://x/?after=C1"}}"#,
            #"{"data":[{"id":"2"}],"paging":{"cursors":{"before":"C1","after":"C2"}}}"#,
        ])
        let first = try await harness.client.page("/me/media", parameters: [("fields", "id")], limit: 10, after: nil)
        #expect(first.data == [["id": "1"]])
        #expect(first.after == "C1")
        #expect(first.after != nil)
        let second = try await harness.client.page(
            "/me/media",
            parameters: [("fields", "id")],
            limit: 10,
            after: first.after
        )
        #expect(second.after == nil)
        #expect(second.after == nil)
        let targets = harness.server.requests.map(\.target)
        #expect(targets[1].hasPrefix("/v23.0/me/media?fields=id&limit=10&after=C1&access_token="))
    }

    @Test func toleratesAnEmptyPageThatStillHasANextLink() async throws {
        let harness = try harness([#"{"data":[],"paging":{"cursors":{"after":"C9"},"next":"https://x/?after=C9"}}"#])
        let page = try await harness.client.page("/me/media", parameters: [("fields", "id")], limit: 10, after: nil)
        #expect(page.data.isEmpty)
        #expect(page.after != nil)
        #expect(page.after == "C9")
    }

    @Test func takesTheCursorFromTheNextLinkWhenCursorsAreMissing() async throws {
        let next = "https://graph.instagram.com/v23.0/1/media?access_token=T&after=QU%3D%3D"
        let harness = try harness([#"{"data":[{"id":"1"}],"paging":{"next":"\#(next)"}}"#])
        let page = try await harness.client.page("/me/media", parameters: [("fields", "id")], limit: 10, after: nil)
        #expect(page.after == "QU==")
    }

    @Test func passesTheParametersInOrderThenTheLimit() async throws {
        let harness = try harness([#"{"data":[]}"#])
        _ = try await harness.client.page(
            "/17841400000000001/stories",
            parameters: [("fields", "id"), ("since", "1700000000")],
            limit: 30,
            after: nil
        )
        let target = harness.server.requests[0].target
        #expect(target.hasPrefix("/v23.0/17841400000000001/stories?fields=id&since=1700000000&limit=30&"))
        #expect(target.hasSuffix("access_token=\(GraphClientRetryTests.token)"))
    }

    @Test func refusesAResponseWithoutADataArray() async throws {
        let harness = try harness([#"{"id":"1"}"#])
        let error = await #expect(throws: GraphError.self) {
            try await harness.client.page("/me/media", parameters: [("fields", "id")], limit: 10, after: nil)
        }
        #expect(error?.category == .badData)
    }

    @Test func getsANodeAsParsedJSON() async throws {
        let harness = try harness([#"{"user_id":"17841400000000001","username":"someone"}"#])
        let response = try await harness.client.get("/me", parameters: [("fields", "user_id,username")])
        #expect(response.value.objectValue?["user_id"] == "17841400000000001")
        #expect(response.status == 200)
    }

    @Test func keepsTheSmallerPageSizeForLaterPagesOfTheSameEdge() async throws {
        let reduce = ScriptedServer.Response.graphError(
            code: 1,
            message: "Please reduce the amount of data you're asking for, then retry your request"
        )
        let pageOne = #"{"data":[{"id":"1"}],"paging":{"cursors":{"after":"C1"},"next":"https://x/?after=C1"}}"#
        let pageTwo = #"{"data":[{"id":"2"}],"paging":{"cursors":{"after":"C2"}}}"#
        let harness = try GraphClientRetryTests.Harness([reduce, .json(pageOne), .json(pageTwo)])
        let client: any GraphFetching = harness.client
        let first = try await client.page("/me/media", parameters: [("fields", "id")], limit: 100, after: nil)
        let second = try await client.page("/me/media", parameters: [("fields", "id")], limit: 100, after: first.after)
        #expect(first.data == [JSONObject([("id", "1")])])
        #expect(second.after == nil)
        let targets = harness.server.requests.map(\.target)
        #expect(targets.count == 3)
        #expect(targets[1].hasPrefix("/v23.0/me/media?fields=id&limit=50&access_token="))
        #expect(targets[2].hasPrefix("/v23.0/me/media?fields=id&limit=50&after=C1&access_token="))
        let counters = harness.client.counters.snapshot
        #expect(counters.requests == 3)
        #expect(counters.bytes > 0)
    }

    @Test func readsAnObjectThroughTheFetchingProtocol() async throws {
        let harness = try harness([#"{"data":[{"user_id":"1"}]}"#])
        let object = try await (harness.client as any GraphFetching).object("/me", parameters: [])
        #expect(object["data"] == [["user_id": "1"]])
    }
}

import TestSupport
import Testing

@testable import IGCore
@testable import IGGraph

@Suite struct CurlClientTests {
    private func client(timeout: Duration = .seconds(10)) throws -> CurlClient {
        var http = HTTPConfig()
        http.timeout = timeout
        return try CurlClient(configuration: .init(version: "9.9.9", http: http))
    }

    @Test func refusesPlainHTTPToAHostThatIsNotLoopback() async throws {
        let error = await #expect(throws: CurlError.self) {
            try await client().get("http://graph.instagram.com/v23.0/me?access_token=SECRET")
        }
        #expect(error?.code == 1)
        #expect(error?.message.contains("use https://") == true)
        #expect(error?.description.contains("SECRET") == false)
    }

    @Test func refusesSchemesOtherThanHTTPAndHTTPS() async throws {
        await #expect(throws: CurlError.self) { try await client().get("file:///etc/passwd") }
        await #expect(throws: CurlError.self) { try await client().get("not a url") }
    }

    @Test func returnsStatusHeadersAndBodyOverAConnectionKeptAlive() async throws {
        let server = try ScriptedServer([
            .json(#"{"a":1}"#, headers: [("X-App-Usage", #"{"call_count":5}"#)]),
            .json(#"{"b":2}"#, status: 404),
        ])
        let client = try client()
        let first = try await client.get(server.url + "/one?x=1", headers: [("X-Trace", "abc")])
        let second = try await client.get(server.url + "/two")
        #expect(first.status == 200)
        #expect(first.headers["x-app-usage"] == #"{"call_count":5}"#)
        #expect(first.headers["X-APP-USAGE"] == #"{"call_count":5}"#)
        #expect(first.body == Array(#"{"a":1}"#.utf8))
        #expect(second.status == 404)
        #expect(second.reusedConnection)
        let requests = server.requests
        #expect(requests.map(\.target) == ["/one?x=1", "/two"])
        #expect(requests[0].headers["user-agent"] == "igexport/9.9.9")
        #expect(requests[0].headers["x-trace"] == "abc")
        #expect(requests[0].headers["accept-encoding"]?.contains("gzip") == true)
    }

    @Test func reportsABodyCutShortAsATransientErrorWithoutTheQuery() async throws {
        var response = ScriptedServer.Response.json(#"{"data":[{"id":"1"},{"id":"2"}]}"#)
        response.truncatedTo = 10
        let server = try ScriptedServer([response])
        let error = await #expect(throws: CurlError.self) {
            try await client().get(server.url + "/v23.0/me/media?access_token=SECRET")
        }
        #expect(error?.code == 18)
        #expect(error?.isTransient == true)
        #expect(error?.message.contains("/v23.0/me/media") == true)
        #expect(error?.description.contains("SECRET") == false)
    }

    @Test func givesUpAfterTheTotalTimeout() async throws {
        let gate = ScriptedServer.Gate()
        defer { gate.open() }
        var response = ScriptedServer.Response.json("{}")
        response.gate = gate
        let server = try ScriptedServer([response])
        let error = await #expect(throws: CurlError.self) {
            try await client(timeout: .milliseconds(300)).get(server.url + "/slow")
        }
        // The server never answers: the client gave up on its own, by its timeout (CURLE_OPERATION_TIMEDOUT).
        #expect(error?.code == 28)
    }

    @Test func runsRequestsConcurrentlyUpToThePoolSize() async throws {
        let server = try ScriptedServer((0..<8).map { _ in .json("{}") })
        let client = try client()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask { try await client.get(server.url + "/\(index)").status }
            }
            for try await status in group {
                #expect(status == 200)
            }
        }
        #expect(server.requests.count == 8)
    }
}

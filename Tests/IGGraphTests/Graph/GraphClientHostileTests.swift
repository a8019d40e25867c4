import Foundation
import TestSupport
import Testing

@testable import IGCore
@testable import IGGraph

/// What a hostile or broken API gets from the client: bad data (exit 65), never a trap, a leak or a request
/// to a path the client did not mean.
@Suite struct GraphClientHostileTests {
    static let token = "IGQVJ-secret/token+1234567890"

    struct Harness {
        let server: ScriptedServer
        let client: GraphClient
        let logs = LogCapture()

        init(_ script: [ScriptedServer.Response], maxBody: Int = HTTPConfig.defaultMaxBody) throws {
            var http = HTTPConfig()
            http.maxBody = maxBody
            var retry = RetryConfig()
            retry.maxAttempts = 2
            server = try ScriptedServer(script)
            client = GraphClient(
                http: try CurlClient(configuration: .init(version: "0.1.0", http: http)),
                api: server.url,
                apiVersion: "v23.0",
                token: Secret(value: GraphClientHostileTests.token, source: "test"),
                retry: retry,
                logger: logs.logger,
                sleep: { _ in }
            )
        }

        func failure(_ path: String = "/me/media") async -> GraphError? {
            do {
                _ = try await client.page(path, parameters: [("fields", "id")], limit: 10, after: nil)
                return nil
            } catch {
                return error as? GraphError
            }
        }
    }

    @Test func refusesAGzipBombPastTheBodyLimitAsBadDataAfterRetrying() async throws {
        let harness = try Harness([.gzipBomb, .gzipBomb], maxBody: 64 << 10)
        let error = try #require(await harness.failure())
        #expect(error.category == .badData)
        #expect(error.attempts == 2)
        #expect(error.message.contains("http.max_body"))
        #expect(error.description.contains("/v23.0/me/media"))
        #expect(!error.description.contains(Self.token))
        #expect(harness.server.requests.count == 2)
    }

    @Test func refusesAnOverLongPlainBody() async throws {
        let long = ScriptedServer.Response.json(#"{"data":[],"x":""# + String(repeating: "a", count: 100_000) + "\"}")
        let error = try #require(await Harness([long, long], maxBody: 64 << 10).failure())
        #expect(error.category == .badData)
    }

    @Test func acceptsABodyJustUnderTheLimit() async throws {
        let body = #"{"data":[],"x":""# + String(repeating: "a", count: 1000) + "\"}"
        let harness = try Harness([.json(body)], maxBody: body.utf8.count)
        #expect(await harness.failure() == nil)
    }

    @Test func refusesIdsThatAreNotGraphIdsBeforeSendingAnything() async throws {
        let harness = try Harness([Self.emptyPage])
        for path in [
            "/../../../../steal/x/insights", "/123\r\nX-Evil: 1/insights", "/12%2F34/comments", "/me//media", "/1.5",
        ] {
            let error = try #require(await harness.failure(path))
            #expect(error.category == .badData)
            #expect(!error.description.contains("\r"))
            #expect(!error.description.contains("\n"))
        }
        #expect(harness.server.requests.isEmpty)
        #expect(await harness.failure("/17841400000000001/media") == nil)
    }

    @Test func callsAResponseThatMakesNoSenseBadData() async throws {
        let harness = try Harness([
            .json(#"{"data":{"id":"1"}}"#), .json(#"{"data":null}"#),
            .json(#"{"data":[],"paging":{"next":"https://graph.instagram.com/me/media"}}"#), .json("[1,2]"),
        ])
        for _ in 0..<3 {
            #expect(await harness.failure()?.category == .badData)
        }
        do {
            _ = try await harness.client.object("/me", parameters: [])
            Issue.record("a profile that is an array was accepted")
        } catch let error as GraphError {
            #expect(error.category == .badData)
        }
    }

    @Test func scrubsTheTokenInEveryFormFromWhatTheAPISent() async throws {
        let encoded = GraphClient.percentEncoded(Self.token)
        let body = """
            {"error":{"message":"bad token \(Self.token) or \(encoded)\\r\\nforged line",\
            "type":"OAuthException \(encoded)","code":190,"fbtrace_id":"trace-\(Self.token)"}}
            """
        let harness = try Harness([.json(body, status: 400)])
        let error = try #require(await harness.failure())
        #expect(error.category == .auth)
        for text in [error.description, error.message, error.fbtraceID ?? "", error.type ?? ""] {
            #expect(!text.contains(Self.token))
            #expect(!text.contains(encoded))
            #expect(!text.contains("\r\n"))
        }
        #expect(error.message.contains("<redacted>"))
        #expect(error.fbtraceID == "trace-<redacted>")
    }

    static let emptyPage = ScriptedServer.Response.json(#"{"data":[]}"#)
}

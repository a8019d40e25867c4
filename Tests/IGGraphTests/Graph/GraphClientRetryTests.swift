import Foundation
import TestSupport
import Testing

@testable import IGCore
@testable import IGGraph

/// The retry policy of DESIGN.md guarantee 4, driven through a scripted loopback server.
@Suite struct GraphClientRetryTests {
    static let token = "IGQVJ-secret-token-1234567890"

    /// Records the waits a client asks for instead of waiting.
    final class SleepLog: @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [Duration] = []

        var waits: [Duration] {
            lock.lock()
            defer { lock.unlock() }
            return recorded
        }

        func record(_ duration: Duration) {
            lock.lock()
            defer { lock.unlock() }
            recorded.append(duration)
        }
    }

    /// A server, a client against it, and everything the client said.
    struct Harness {
        let server: ScriptedServer
        let client: GraphClient
        let logs = LogCapture()
        let sleeps = SleepLog()

        init(_ script: [ScriptedServer.Response], configure: (inout RetryConfig) -> Void = { _ in }) throws {
            var retry = RetryConfig()
            retry.maxAttempts = 4
            retry.baseDelay = .milliseconds(100)
            retry.maxDelay = .seconds(10)
            configure(&retry)
            server = try ScriptedServer(script)
            let sleeps = sleeps
            client = GraphClient(
                http: try CurlClient(configuration: .init(version: "0.1.0", http: HTTPConfig())),
                api: server.url,
                apiVersion: "v23.0",
                token: Secret(value: GraphClientRetryTests.token, source: "test"),
                retry: retry,
                logger: logs.logger,
                sleep: { sleeps.record($0) },
                randomNumberGenerator: BackoffTests.SeededGenerator(state: 1)
            )
        }

        /// Fails the test when the token shows in a log line or in `error`.
        func expectNoTokenLeak(_ error: GraphError? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
            for line in logs.lines {
                #expect(!line.contains(GraphClientRetryTests.token), "\(line)", sourceLocation: sourceLocation)
            }
            if let error {
                #expect(!"\(error)".contains(GraphClientRetryTests.token), sourceLocation: sourceLocation)
                #expect(!error.message.contains(GraphClientRetryTests.token), sourceLocation: sourceLocation)
            }
        }
    }

    static let page = ScriptedServer.Response.json(
        #"{"data":[{"id":"1"},{"id":"2"}],"paging":{"cursors":{"before":"B","after":"QUZURVI="},"next":"NEXT"}}"#
    )

    private func firstPage(_ harness: Harness, limit: Int = 100) async throws -> EdgePage {
        try await harness.client.page(
            "/me/media",
            parameters: [("fields", "id,children{id}")],
            limit: limit,
            after: nil
        )
    }

    @Test func retriesAServerErrorWithBackoffThenSucceeds() async throws {
        let harness = try Harness([.json("<html>oops</html>", status: 500), Self.page])
        let page = try await firstPage(harness)
        #expect(page.data.count == 2)
        #expect(harness.server.requests.count == 2)
        #expect(harness.sleeps.waits.count == 1)
        #expect(harness.sleeps.waits[0] <= .milliseconds(100))
        let counters = harness.client.counters.snapshot
        #expect(counters.requests == 2)
        #expect(counters.retries == 1)
        #expect(counters.waited == harness.sleeps.waits[0])
        #expect(harness.logs.lines.contains { $0.contains("Retrying") && $0.contains("/v23.0/me/media?fields=") })
        harness.expectNoTokenLeak()
    }

    @Test func retriesCodeTwoEvenWithAnHTTPStatusOfFourHundred() async throws {
        let harness = try Harness([.graphError(code: 2, message: "Please retry your request later."), Self.page])
        _ = try await firstPage(harness)
        #expect(harness.server.requests.count == 2)
    }

    @Test func halvesThePageSizeWhenAskedForLessData() async throws {
        let reduce = ScriptedServer.Response.graphError(
            code: 1,
            message: "Please reduce the amount of data you're asking for, then retry your request",
            status: 500
        )
        let harness = try Harness([reduce, reduce, Self.page])
        _ = try await firstPage(harness, limit: 100)
        let targets = harness.server.requests.map(\.target)
        #expect(targets.count == 3)
        #expect(targets[0].contains("limit=100&"))
        #expect(targets[1].contains("limit=50&"))
        #expect(targets[2].contains("limit=25&"))
        #expect(harness.client.acceptedPageSizes.withLock { $0["/me/media"] } == 25)
        #expect(harness.sleeps.waits.isEmpty)
        #expect(harness.client.counters.snapshot.pageSizeReductions == 2)
        harness.expectNoTokenLeak()
    }

    @Test func waitsAsTheUsageHeadersSayWhenThrottled() async throws {
        let usage =
            #"{"1784":[{"type":"instagram","call_count":100,"total_time":20,"estimated_time_to_regain_access":2}]}"#
        let throttled = ScriptedServer.Response.graphError(
            code: 80002,
            message: "There have been too many calls to this Instagram account.",
            headers: [("X-Business-Use-Case-Usage", usage)]
        )
        let harness = try Harness([throttled, Self.page])
        _ = try await firstPage(harness)
        #expect(harness.server.requests.count == 2)
        #expect(harness.sleeps.waits == [.seconds(120)])
        let counters = harness.client.counters.snapshot
        #expect(counters.throttledWaits == 1)
        #expect(counters.waited == .seconds(120))
        #expect(harness.logs.lines.contains { $0.contains("Throttled") })
        harness.expectNoTokenLeak()
    }

    @Test func backsOffWhenThrottledWithoutUsageHeaders() async throws {
        let harness = try Harness([.graphError(code: 4, message: "Application request limit reached"), Self.page])
        _ = try await firstPage(harness)
        #expect(harness.sleeps.waits.count == 1)
        #expect(harness.sleeps.waits[0] <= .milliseconds(100))
    }

    @Test func stopsWithTheRetryTimeWhenTheRequiredWaitExceedsMaxWait() async throws {
        let usage = #"{"1784":[{"type":"instagram","call_count":100,"estimated_time_to_regain_access":30}]}"#
        let throttled = ScriptedServer.Response.graphError(
            code: 17,
            message: "User request limit reached",
            headers: [("X-Business-Use-Case-Usage", usage)]
        )
        let harness = try Harness([throttled, Self.page]) { $0.maxWait = .seconds(15 * 60) }
        let error = await #expect(throws: GraphError.self) { try await firstPage(harness) }
        #expect(error?.category == .throttled)
        #expect(error?.retryAfter == .seconds(30 * 60))
        #expect(error?.description.contains("in about 30 minutes") == true)
        #expect(harness.server.requests.count == 1)
        #expect(harness.sleeps.waits.isEmpty)
        harness.expectNoTokenLeak(error)
    }

    @Test func stopsAtTheFirstRefusalOfAnExpiredToken() async throws {
        let expired = ScriptedServer.Response.graphError(
            code: 190,
            subcode: 463,
            message: "Error validating access token: Session has expired on Tuesday, 01-Jul-25."
        )
        let harness = try Harness([expired, Self.page])
        let error = await #expect(throws: GraphError.self) { try await firstPage(harness) }
        #expect(error?.category == .auth)
        #expect(error?.description.contains("igexport token refresh") == true)
        #expect(harness.server.requests.count == 1)
        #expect(harness.sleeps.waits.isEmpty)
        harness.expectNoTokenLeak(error)
    }

    @Test func stopsAtTheFirstPermissionError() async throws {
        let harness = try Harness([.graphError(code: 10, message: "Application does not have permission"), Self.page])
        let error = await #expect(throws: GraphError.self) { try await firstPage(harness) }
        #expect(error?.category == .permission)
        #expect(harness.server.requests.count == 1)
    }

    @Test func retriesABodyCutShortOnTheWire() async throws {
        var truncated = Self.page
        truncated.truncatedTo = 12
        let harness = try Harness([truncated, Self.page])
        let page = try await firstPage(harness)
        #expect(page.data.count == 2)
        #expect(harness.server.requests.count == 2)
        #expect(harness.client.counters.snapshot.retries == 1)
        harness.expectNoTokenLeak()
    }

    @Test func retriesABodyThatIsNotValidJSON() async throws {
        let harness = try Harness([.json(#"{"data":[{"id":"1"},"#), Self.page])
        _ = try await firstPage(harness)
        #expect(harness.server.requests.count == 2)
        #expect(harness.logs.lines.contains { $0.contains("truncated or not valid JSON") })
    }

    @Test func givesUpAfterMaxAttemptsWithTheLastTransientError() async throws {
        let failure = ScriptedServer.Response.json("", status: 503)
        let harness = try Harness([failure, failure, failure, Self.page]) { $0.maxAttempts = 3 }
        let error = await #expect(throws: GraphError.self) { try await firstPage(harness) }
        #expect(error?.category == .transient)
        #expect(error?.attempts == 3)
        #expect(error?.httpStatus == 503)
        #expect(harness.server.requests.count == 3)
        #expect(harness.sleeps.waits.count == 2)
        harness.expectNoTokenLeak(error)
    }

    @Test func scrubsTheTokenFromMessagesThatEchoIt() async throws {
        let echo = ScriptedServer.Response.graphError(code: 190, message: "Invalid OAuth access token \(Self.token)")
        let harness = try Harness([echo])
        let error = await #expect(throws: GraphError.self) { try await firstPage(harness) }
        #expect(error?.message.contains("<redacted>") == true)
        harness.expectNoTokenLeak(error)
    }

    @Test func slowsDownBeforeTheNextRequestWhenUsageIsHigh() async throws {
        let busy = ScriptedServer.Response.json(
            #"{"data":[],"paging":{"cursors":{"after":"A"},"next":"N"}}"#,
            headers: [("X-App-Usage", #"{"call_count":90,"total_time":5,"total_cputime":5}"#)]
        )
        let harness = try Harness([busy, Self.page])
        _ = try await firstPage(harness)
        #expect(harness.sleeps.waits.isEmpty)
        _ = try await harness.client.page("/me/media", parameters: [("fields", "id")], limit: 100, after: "A")
        #expect(harness.sleeps.waits == [.seconds(5)])
        #expect(harness.client.counters.snapshot.slowdowns == 1)
    }
}

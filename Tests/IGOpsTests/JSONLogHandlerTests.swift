import Foundation
import Logging
import Testing

@testable import IGCore
@testable import IGEngine
@testable import IGGraph
@testable import IGOps

@Suite struct JSONLogHandlerTests {
    /// Collects what the handler writes.
    final class Output: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""

        var lines: [String] {
            lock.lock()
            defer { lock.unlock() }
            return text.split(separator: "\n").map(String.init)
        }

        func append(_ line: String) {
            lock.lock()
            defer { lock.unlock() }
            text += line
        }
    }

    @Test func eachEventIsOneJSONObjectWithTimestampLevelEventAndIdentityFirst() throws {
        let output = Output()
        var logger = Logger(label: "test") { _ in JSONLogHandler(level: .info, write: output.append) }
        logger[metadataKey: "pipeline"] = "nightly"
        logger.warning(
            "Throttled by the API; waiting",
            metadata: ["stream": "media", "account": "me", "attempt": "3", "wait": "1.5", "run": "0042"]
        )
        logger.debug("not at this level")

        #expect(output.lines.count == 1)
        let line = try #require(output.lines.first)
        #expect(line.hasPrefix(#"{"ts":""#))
        #expect(
            line.contains(
                #""level":"warning","event":"Throttled by the API; waiting","pipeline":"nightly","account":"me","stream":"media""#
            )
        )
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["attempt"] as? Int == 3)
        #expect(object["wait"] as? Double == 1.5)
        #expect(object["run"] as? String == "0042")
        let ts = try #require(object["ts"] as? String)
        #expect(ts.hasSuffix("Z"))
        #expect(
            ISO8601DateFormatter().date(
                from: ts.replacingOccurrences(of: #"\.\d+Z"#, with: "Z", options: .regularExpression)
            ) != nil
        )
    }

    @Test func longFiguresStayNumbersAndLongIdsStayStrings() throws {
        let line = JSONLogHandler.line(
            date: Date(timeIntervalSince1970: 0),
            level: .info,
            event: "e",
            metadata: [
                "waited_s": "0.017523456789012345", "tiny": "1e-05", "media_id": "17841400000000001",
                "other_id": "12345678901234567890123", "padded": " 1.5",
            ]
        )
        #expect(line.contains(#""waited_s":0.017523456789012345"#))
        #expect(line.contains(#""tiny":1e-05"#))
        #expect(line.contains(#""media_id":"17841400000000001""#))
        #expect(line.contains(#""other_id":"12345678901234567890123""#))
        #expect(line.contains(#""padded":" 1.5""#))
    }

    @Test func aGraphClientsLogLinesNeverCarryTheToken() async throws {
        let token = "IGAAjsonLogSecretToken42"
        let output = Output()
        let logger = Logger(label: "test") { _ in JSONLogHandler(level: .trace, write: output.append) }
        var retry = RetryConfig()
        retry.maxAttempts = 2
        retry.baseDelay = .milliseconds(1)
        retry.maxDelay = .milliseconds(1)
        let client = GraphClient(
            http: try CurlClient(configuration: CurlClient.Configuration(version: "test", http: HTTPConfig())),
            api: "http://127.0.0.1:1",
            apiVersion: "v23.0",
            token: Secret(value: token, source: "${env:T}"),
            retry: retry,
            logger: logger
        )
        await #expect(throws: GraphError.self) { _ = try await client.get("me", parameters: [("fields", "id")]) }
        #expect(!output.lines.isEmpty)
        for line in output.lines {
            #expect(!line.contains(token))
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "not JSON: \(line)")
        }
    }
}

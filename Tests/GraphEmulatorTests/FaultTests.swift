import Foundation
import TestSupport
import Testing

@testable import GraphEmulator

@Suite struct FaultTests {
    @Test(arguments: [
        "http500=0.3", "reset=0.3", "truncate=0.3", "throttle=0.3", "empty=0.3", "slow=every:5@20ms",
        "http500=0.1,reset=0.1,truncate=0.1,throttle=0.1,empty=0.1,slow=every:7@10ms",
    ])
    func visitsEveryMediaExactlyOnceThroughFaults(spec: String) async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-\(UUID()).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let configuration = EmulatorConfiguration(faults: try FaultPlan(parsing: spec), requestLogPath: log)
        try await withEmulator(configuration) { server in
            let (ids, requests) = collectAll(TestClient(), from: server.url("me/media", "fields=id,caption&limit=5"))
            #expect(ids.count == 120)
            #expect(Set(ids).count == 120)
            let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == requests)
            let faulted = lines.filter { !$0.contains("\"fault\":null") }
            #expect(!faulted.isEmpty)
            #expect(requests > 24 || spec.hasPrefix("slow"))
        }
    }

    @Test func resetsTheConnectionMidBody() async throws {
        try await withEmulator(EmulatorConfiguration(faults: FaultPlan(reset: .every(1)))) { server in
            let response = TestClient().get(server.url("me/media"))
            #expect(response.curlCode != 0)
            #expect(response.status == 200)
        }
    }

    @Test func truncatesTheBodyWithAMatchingContentLength() async throws {
        try await withEmulator(EmulatorConfiguration(faults: FaultPlan(truncate: .every(1)))) { server in
            let response = TestClient().get(server.url("me/media", "fields=id,caption"))
            #expect(response.curlCode == 0)
            #expect(response.status == 200)
            #expect(response.headers["content-length"] == String(response.body.count))
            #expect(response.json == nil)
            #expect(response.text.hasPrefix("{\"data\":[{"))
        }
    }

    @Test func answersHTTP500WithATransientCode2() async throws {
        try await withEmulator(EmulatorConfiguration(faults: FaultPlan(http500: .every(1)))) { server in
            let response = TestClient().get(server.url("me/media"))
            #expect(response.status == 500)
            #expect(response.errorCode == 2)
            #expect(response.error?["is_transient"] as? Bool == true)
        }
    }

    @Test func throttlesWithFullUsageHeaders() async throws {
        try await withEmulator(EmulatorConfiguration(faults: FaultPlan(throttle: .every(1)))) { server in
            let client = TestClient()
            let codes = Set((0..<8).compactMap { _ in client.get(server.url("me/media")).errorCode })
            #expect(codes == [4, 80_002])
            let response = client.get(server.url("me/media"))
            #expect(response.headers["x-app-usage"]?.contains("\"call_count\":100") == true)
            let usage = try #require(response.headers["x-business-use-case-usage"])
            #expect(usage.contains("\"call_count\":100"))
            #expect(usage.contains("\"estimated_time_to_regain_access\":0"))
        }
    }

    @Test func answersAnEmptyPageWhoseNextAsksForTheSameMedia() async throws {
        try await withEmulator(EmulatorConfiguration(faults: FaultPlan(empty: .every(2)))) { server in
            let client = TestClient()
            let first = client.get(server.url("me/media", "limit=5"))
            let empty = client.get(try #require(first.next))
            #expect(empty.data.isEmpty)
            let retried = client.get(try #require(empty.next))
            let direct = try await withEmulator { plain in
                TestClient().get(plain.url("me/media", "limit=10")).data.suffix(5).map { $0["id"] as! String }
            }
            #expect(retried.data.map { $0["id"] as! String } == direct)
        }
    }

    @Test func delaysSlowAnswers() async throws {
        let plan = try FaultPlan(parsing: "slow=every:1@150ms")
        try await withEmulator(EmulatorConfiguration(faults: plan)) { server in
            let start = ContinuousClock.now
            #expect(TestClient().get(server.url("me")).status == 200)
            #expect(ContinuousClock.now - start >= .milliseconds(150))
        }
    }

    @Test func expiresCursorsAfterTheirLifetime() async throws {
        let plan = try FaultPlan(parsing: "cursor_ttl=100ms")
        let clock = ManualEmulatorClock()
        try await withEmulator(EmulatorConfiguration(faults: plan, clock: clock)) { server in
            let client = TestClient()
            let first = client.get(server.url("me/media", "limit=10"))
            let next = try #require(first.next)
            #expect(client.get(next).status == 200)
            clock.advance(by: .milliseconds(150))
            let expired = client.get(next)
            #expect(expired.errorCode == 100)
            #expect((expired.error?["message"] as? String)?.contains("cursor") == true)
        }
    }

    @Test func recoversFromExpiredCursorsByPagingWithUntil() async throws {
        let plan = try FaultPlan(parsing: "cursor_ttl=0ms")
        let clock = ManualEmulatorClock()
        try await withEmulator(EmulatorConfiguration(faults: plan, clock: clock)) { server in
            let client = TestClient()
            var seen: [String] = []
            var url = server.url("me/media", "fields=id,timestamp&limit=25")
            var requests = 0
            while requests < 100 {
                requests += 1
                // Every cursor is older than its zero lifetime by the time it comes back.
                clock.advance(by: .milliseconds(1))
                let page = client.get(url)
                if page.errorCode == 100, let last = seen.last {
                    let stamp = client.get(server.url(last, "fields=timestamp")).json?["timestamp"] as! String
                    let formatter = ISO8601DateFormatter()
                    formatter.formatOptions = [.withInternetDateTime]
                    let seconds = Int(
                        formatter.date(from: stamp.replacingOccurrences(of: "+0000", with: "Z"))!
                            .timeIntervalSince1970
                    )
                    url = server.url("me/media", "fields=id,timestamp&limit=25&until=\(seconds)")
                    continue
                }
                for id in page.data.map({ $0["id"] as! String }) where !seen.contains(id) {
                    seen.append(id)
                }
                guard let next = page.next else { break }
                url = next
            }
            #expect(seen.count == 120)
        }
    }

    @Test func expiresTheTokenAfterTheConfiguredNumberOfCalls() async throws {
        let plan = try FaultPlan(parsing: "token_expiry=3")
        try await withEmulator(EmulatorConfiguration(faults: plan)) { server in
            let client = TestClient()
            let statuses = (0..<3).map { _ in client.get(server.url("me")).status }
            #expect(statuses == [200, 200, 200])
            let expired = client.get(server.url("me"))
            #expect(expired.status == 400)
            #expect(expired.errorCode == 190)
            #expect(expired.error?["error_subcode"] as? Int == 463)
        }
    }
}

import Foundation
import TestSupport
import Testing

@testable import GraphEmulator

@Suite struct ErrorAndLimitTests {
    @Test func answersABadTokenWith190And467InTheGraphEnvelope() async throws {
        try await withEmulator { server in
            let response = TestClient().get(server.baseURL + "/v23.0/me?access_token=IGAAnotatoken")
            #expect(response.status == 400)
            let error = try #require(response.error)
            #expect(error["code"] as? Int == 190)
            #expect(error["error_subcode"] as? Int == 467)
            #expect(error["type"] as? String == "OAuthException")
            #expect(error["is_transient"] as? Bool == false)
            #expect((error["message"] as? String)?.isEmpty == false)
            #expect((error["fbtrace_id"] as? String)?.count == 23)
        }
    }

    @Test func answersAnUnknownOrForeignObjectWith100And33() async throws {
        try await withEmulator(EmulatorConfiguration(accounts: 2)) { server in
            let client = TestClient()
            let unknown = client.get(server.url("17999999999999999"))
            #expect(unknown.errorCode == 100)
            #expect(unknown.error?["error_subcode"] as? Int == 33)
            let foreign = client.get(server.url("\(server.accounts[1].id)/media"))
            #expect(foreign.error?["error_subcode"] as? Int == 33)
        }
    }

    @Test func answersAnUnknownFieldWithCode100NamingIt() async throws {
        try await withEmulator { server in
            let response = TestClient().get(server.url("me/media", "fields=id,bogus_field"))
            #expect(response.status == 400)
            #expect(response.errorCode == 100)
            #expect((response.error?["message"] as? String)?.contains("bogus_field") == true)
            #expect(response.error?["error_subcode"] == nil)
        }
    }

    @Test func asksForATokenWhenThereIsNone() async throws {
        try await withEmulator { server in
            #expect(TestClient().get(server.baseURL + "/v23.0/me").errorCode == 2500)
            #expect(TestClient().get(server.baseURL + "/v23.0/\(server.accounts[0].id)").errorCode == 104)
        }
    }

    @Test func sendsUsageHeadersOnEveryAnswer() async throws {
        try await withEmulator(EmulatorConfiguration(rateLimit: RateLimit(calls: 10, window: .seconds(60)))) { server in
            let client = TestClient()
            let first = client.get(server.url("me"))
            let second = client.get(server.url("me", "fields=bogus"))
            #expect(first.headers["x-app-usage"] == "{\"call_count\":10,\"total_time\":6,\"total_cputime\":4}")
            let usage = try #require(second.headers["x-business-use-case-usage"])
            let parsed = try #require(
                try JSONSerialization.jsonObject(with: Data(usage.utf8)) as? [String: [[String: Any]]]
            )
            let row = try #require(parsed[server.accounts[0].id]?.first)
            #expect(row["type"] as? String == "instagram")
            #expect(row["call_count"] as? Int == 20)
            #expect(row["estimated_time_to_regain_access"] as? Int == 0)
        }
    }

    @Test func refusesCallsPastTheBudgetUntilTheWindowRollsOn() async throws {
        let clock = ManualEmulatorClock()
        let configuration = EmulatorConfiguration(rateLimit: try RateLimit(parsing: "3/300ms"), clock: clock)
        try await withEmulator(configuration) { server in
            let client = TestClient()
            let codes = (0..<4).map { _ in client.get(server.url("me")).errorCode }
            #expect(codes == [nil, nil, nil, 80_002])
            clock.advance(by: .milliseconds(350))
            #expect(client.get(server.url("me")).status == 200)
        }
    }

    @Test func reportsTheMinutesToRegainAccessOnALongWindow() async throws {
        try await withEmulator(EmulatorConfiguration(rateLimit: try RateLimit(parsing: "2/1h"))) { server in
            let client = TestClient()
            _ = client.get(server.url("me"))
            _ = client.get(server.url("me"))
            let refused = client.get(server.url("me"))
            #expect(refused.errorCode == 80_002)
            #expect(
                refused.headers["x-business-use-case-usage"]?.contains("\"estimated_time_to_regain_access\":59") == true
            )
        }
    }
}

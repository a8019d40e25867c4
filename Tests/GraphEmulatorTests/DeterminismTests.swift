import Foundation
import TestSupport
import Testing

@testable import GraphEmulator

@Suite struct DeterminismTests {
    private static let paths = [
        ("me", "fields=user_id,username,name,account_type,followers_count,media_count,biography"),
        ("me/media", "fields=id,caption,media_type,media_url,timestamp,like_count,children{id,media_url}&limit=100"),
        ("me/stories", "fields=id,media_type,timestamp"),
    ]

    private static let realisticPaths =
        paths + [
            ("me/media", "fields=id,comments{id,replies.limit(2){id,text,parent_id}}&since=1780000000&limit=50"),
            ("me/insights", "metric=reach,follower_count&period=day&since=1787000000&until=1788000000"),
        ]

    private func fetch(seed: UInt64, profile: EmulatorBehaviour.Profile = .standard) async throws -> [String] {
        let configuration = EmulatorConfiguration(seed: seed, behaviour: EmulatorBehaviour(profile: profile))
        return try await withEmulator(configuration) { server in
            let client = TestClient()
            return (profile == .standard ? Self.paths : Self.realisticPaths).map { path, query in
                let escapedBase = server.baseURL.replacingOccurrences(of: "/", with: "\\/")
                return client.get(server.url(path, query)).text.replacingOccurrences(of: escapedBase, with: "BASE")
                    .replacingOccurrences(of: server.accounts[0].token, with: "TOKEN")
            }
        }
    }

    @Test func answersTheSameBytesForTheSameSeed() async throws {
        let first = try await fetch(seed: 7)
        let second = try await fetch(seed: 7)
        #expect(first == second)
        #expect(first[1].count > 10_000)
    }

    @Test func answersTheSameBytesForTheSameSeedInTheRealisticProfile() async throws {
        let first = try await fetch(seed: 7, profile: .realistic)
        let second = try await fetch(seed: 7, profile: .realistic)
        #expect(first == second)
        #expect(first[3].contains("\"replies\":{\"data\":[{\"id\":\"178"))
        #expect(first[4].hasPrefix("{\"data\":[{\"name\":\"reach\""))
    }

    @Test func answersOtherDataForAnotherSeed() async throws {
        let first = try await fetch(seed: 7)
        let other = try await fetch(seed: 8)
        #expect(zip(first, other).allSatisfy { $0 != $1 })
    }

    @Test func logsOneLineAPerRequestWithoutTheToken() async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-\(UUID()).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        try await withEmulator(EmulatorConfiguration(requestLogPath: log)) { server in
            let client = TestClient()
            _ = client.get(server.url("me/media", "fields=id&limit=5"))
            _ = client.get(server.baseURL + "/v23.0/me?access_token=wrong")
            _ = client.get(server.url("access_token", "grant_type=ig_exchange_token&client_secret=hush"))
            let text = try String(contentsOfFile: log, encoding: .utf8)
            let lines = text.split(separator: "\n").map {
                try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
            }
            #expect(lines.count == 3)
            #expect(lines[0]["path"] as? String == "/v23.0/me/media")
            #expect(lines[0]["params"] as? [String: String] == ["fields": "id", "limit": "5"])
            #expect(lines[0]["status"] as? Int == 200)
            #expect(lines[0]["fault"] is NSNull)
            #expect(lines[0]["account"] as? String == server.accounts[0].id)
            #expect(lines[1]["status"] as? Int == 400)
            #expect(lines[1]["account"] is NSNull)
            #expect(!text.contains(server.accounts[0].token))
            #expect(!text.contains("hush") && !text.contains("wrong"))
        }
    }
}

import Foundation
import Testing

@testable import GraphEmulator

@Suite struct ThroughputTests {
    private static let fields =
        "id,caption,media_type,media_product_type,media_url,permalink,thumbnail_url,timestamp,like_count,"
        + "comments_count,children{id,media_type,media_url,thumbnail_url}"

    @Test func rendersAHundredRecordPageWithChildrenInWellUnderAMillisecond() throws {
        let configuration = EmulatorConfiguration(mediaPerAccount: 1_000)
        let engine = try EmulatorEngine(configuration: configuration)
        let token = engine.accounts[0].token
        let uri = "/v23.0/me/media?fields=\(URLEncoding.encode(Self.fields))&limit=100&access_token=\(token)"
        let warmup = engine.respond(method: "GET", uri: uri, authorization: nil, baseURL: "http://127.0.0.1:1")
        #expect(warmup.status == 200)
        let rounds = 200
        let start = ContinuousClock.now
        for _ in 0..<rounds {
            _ = engine.respond(method: "GET", uri: uri, authorization: nil, baseURL: "http://127.0.0.1:1")
        }
        let perPage = (ContinuousClock.now - start) / rounds
        print("emulator: one 100-record page with children renders in \(perPage) (\(warmup.body.count) bytes)")
        #expect(perPage < .milliseconds(5))
    }

    @Test func servesHundredRecordPagesOverHTTP() async throws {
        try await withEmulator(EmulatorConfiguration(mediaPerAccount: 10_000)) { server in
            let client = TestClient()
            let start = ContinuousClock.now
            let (ids, requests) = collectAll(client, from: server.url("me/media", "fields=\(Self.fields)&limit=100"))
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print(
                "emulator: \(requests) pages of 100 media over HTTP in \(elapsed): \(Int(Double(requests) / seconds)) pages/s"
            )
            #expect(ids.count == 10_000)
        }
    }
}

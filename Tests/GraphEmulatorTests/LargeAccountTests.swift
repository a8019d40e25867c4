import Foundation
import TestSupport
import Testing

@testable import GraphEmulator

@Suite struct LargeAccountTests {
    private static let fields =
        "id,caption,media_type,media_product_type,media_url,permalink,thumbnail_url,timestamp,like_count,"
        + "comments_count,children{id,media_type,media_url,thumbnail_url}"

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

import Foundation
import IGCore
import Testing

@testable import IGEngine

@Suite struct OutputKeysTests {
    @Test func theKeysOfAStreamAreKnownBeforeAnyRecordAndDoNotDependOnWhichRecordComesFirst() throws {
        let steps: [TransformStep] = [
            .normalize(NormalizeOptions()), .hashtags(TextExtraction(to: "hashtags")), .drop(["username"]),
        ]
        let fields = ["id", "caption", "media_type", "thumbnail_url", "timestamp", "like_count"]
        let transformer = Transformer(
            steps: steps,
            runID: "r",
            extractedAt: Date(timeIntervalSince1970: 0),
            requestedFields: [.media: fields]
        )
        let account = AccountContext(accountID: "1", username: "u")
        let keys = transformer.outputKeys(of: .media, fields: fields, account: account)
        #expect(keys == fields + ["account_id", "hashtags"])
        // An image without caption, thumbnail or likes, as the API sends it, gets the same keys.
        let image: Record = ["id": "9", "media_type": "IMAGE", "timestamp": "2025-03-01T12:00:00+0000"]
        let transformed = try #require(transformer.apply(image, stream: .media, account: account))
        #expect(transformed.keys == keys)
    }
}

import Foundation
import IGCore
import IGEngine
import TestSupport

extension HostileRecords {
    static let account = AccountContext(accountID: "17841400000000001", username: "hostile.user")

    /// The media normalised, with hashtags and mentions, as a pipeline would write them.
    static func transformedMedia(count: Int = captions.count) -> [Record] {
        let transformer = Transformer(
            steps: [
                .normalize(NormalizeOptions()), .hashtags(TextExtraction(to: "hashtags")),
                .mentions(TextExtraction(to: "mentions")),
            ],
            runID: "run-1",
            extractedAt: Date(timeIntervalSince1970: 1_740_000_000)
        )
        let page = Page(stream: .media, account: "me", records: media(count: count))
        return transformer.apply(page, account: account).records
    }

    static func transformedProfile() -> Record {
        Transformer(steps: [.normalize(NormalizeOptions())], runID: "r", extractedAt: Date())
            .apply(profile, stream: .profile, account: account)!
    }
}

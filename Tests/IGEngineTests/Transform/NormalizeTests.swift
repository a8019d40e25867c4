import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport
import Testing

@Suite struct NormalizeTests {
    let account = AccountContext(accountID: "17841400000000001", username: "someone")

    func normalize(_ record: Record, stream: StreamKind = .media, runFields: Bool = false) -> Record {
        Transformer(
            steps: [.normalize(NormalizeOptions(runFields: runFields))],
            runID: "run-7",
            extractedAt: Date(timeIntervalSince1970: 1_740_832_496.25)
        ).apply(record, stream: stream, account: account)!
    }

    @Test func writesTimestampsAsRFC3339UTC() {
        let record = normalize(["id": "1", "timestamp": "2025-03-01T12:34:56+0000"])
        #expect(record["timestamp"] == "2025-03-01T12:34:56Z")
    }

    @Test func leavesTimestampsThatDoNotParseAsTheyAre() {
        #expect(normalize(["timestamp": "yesterday"])["timestamp"] == "yesterday")
    }

    @Test func writesBigNumberIdsAsStringsWithExactlyTheirDigits() throws {
        let parsed = try JSONParser.parse(Array(#"{"id":123456789012345678901234567890,"like_count":1e400}"#.utf8))
        let record = normalize(try #require(parsed.objectValue))
        #expect(record["id"] == "123456789012345678901234567890")
        #expect(record["like_count"] == .number("1e400"))
    }

    @Test func readsABigNumberProfileIdAsTheAccountId() throws {
        let profile = try JSONParser.parse(Array(#"{"user_id":123456789012345678901234567890}"#.utf8))
        let record = try #require(profile.objectValue)
        let context = try #require(AccountContext(profile: record))
        #expect(context.accountID == "123456789012345678901234567890")
    }

    @Test func writesIdsAsStringsEvenInChildrenAndNestedObjects() {
        let record = normalize([
            "id": .int(17_900_000_000_000_001), "ig_id": 5, "owner": ["id": 42],
            "media_type": "CAROUSEL_ALBUM", "children": ["data": [["id": 7], ["id": "8"]]],
        ])
        #expect(record["id"] == "17900000000000001")
        #expect(record["ig_id"] == "5")
        #expect(record["owner"] == ["id": "42"])
        #expect(record["children"] == [["id": "7"], ["id": "8"]])
    }

    @Test func writesEnumsInUpperCase() {
        let record = normalize(["account_type": "Media_Creator", "media_type": "image", "media_product_type": "REELS"])
        #expect(record["account_type"] == "MEDIA_CREATOR")
        #expect(record["media_type"] == "IMAGE")
        #expect(record["media_product_type"] == "REELS")
    }

    @Test func addsAHiddenLikeCountAsNullWhereTheAPIWouldHavePutIt() {
        let record = normalize(["id": "1", "comments_count": 3])
        #expect(record.keys.prefix(3) == ["id", "like_count", "comments_count"])
        #expect(record["like_count"] == .null)
        #expect(record["comments_count"] == 3)
    }

    @Test func keepsZeroCountsAndMakesCountsIntegers() {
        let record = normalize(["like_count": 0, "comments_count": .double(4), "followers_count": "12"])
        #expect(record["like_count"] == 0)
        #expect(record["comments_count"] == 4)
        #expect(record["followers_count"] == 12)
    }

    @Test func turnsCountsThatAreNotNumbersIntoNull() {
        #expect(normalize(["like_count": "many"])["like_count"] == .null)
    }

    @Test func addsTheProfileCountsAProfileLacks() {
        let record = normalize(["user_id": 1, "username": "x"], stream: .profile)
        #expect(record["followers_count"] == .null)
        #expect(record["media_count"] == .null)
    }

    @Test func addsOnlyTheRequestedCountsWhenTheRunSaysWhichFieldsItAskedFor() {
        let transformer = Transformer(
            steps: [.normalize(NormalizeOptions())],
            runID: "r",
            extractedAt: Date(),
            requestedFields: [.media: ["id", "comments_count"]]
        )
        let record = transformer.apply(["id": "1"], stream: .media, account: account)!
        #expect(record["comments_count"] == .null)
        #expect(record["like_count"] == nil)
    }

    @Test func flattensChildrenIntoAnArrayOfObjects() {
        let record = normalize([
            "media_type": "CAROUSEL_ALBUM",
            "children": ["data": [["id": "1", "media_type": "image"], nil, "junk", ["id": "2"]]],
        ])
        #expect(record["children"] == [["id": "1", "media_type": "IMAGE"], ["id": "2"]])
    }

    @Test func givesACarouselWithoutChildrenAnEmptyArray() {
        #expect(normalize(["media_type": "CAROUSEL_ALBUM"])["children"] == [])
        #expect(normalize(["media_type": "CAROUSEL_ALBUM", "children": nil])["children"] == [])
    }

    @Test func givesOtherMediaNoChildren() {
        #expect(normalize(["media_type": "IMAGE"])["children"] == nil)
    }

    @Test func stampsTheAccountOnEveryRecord() {
        let record = normalize(["id": "1"])
        #expect(record["account_id"] == "17841400000000001")
        #expect(record["username"] == "someone")
        #expect(normalize(["id": "1", "username": "other"])["username"] == "other")
    }

    @Test func addsRunFieldsOnlyWhenAsked() {
        #expect(normalize(["id": "1"])["_run_id"] == nil)
        let record = normalize(["id": "1"], runFields: true)
        #expect(record["_run_id"] == "run-7")
        #expect(record["_extracted_at"] == "2025-03-01T12:34:56.25Z")
    }

    @Test func readsTheAccountFromAProfile() {
        let context = AccountContext(profile: ["user_id": .int(178), "username": "me.too"])
        #expect(context == AccountContext(accountID: "178", username: "me.too"))
    }

    @Test func replacesInvalidUTF8WithTheReplacementCharacter() {
        // An overlong slash, a lone continuation byte, an encoded surrogate (U+D83D) and a cut-off sequence.
        let bytes: [UInt8] = [0x61, 0xC0, 0xAF, 0x62, 0x80, 0x63, 0xED, 0xA0, 0xBD, 0x64, 0xF0, 0x9F]
        let repaired = String(repairingUTF8: bytes)
        #expect(repaired.unicodeScalars.allSatisfy { $0.value < 0xD800 || $0.value > 0xDFFF })
        #expect(repaired.hasPrefix("a\u{FFFD}"))
        #expect(repaired.contains("b\u{FFFD}c\u{FFFD}"))
        #expect(repaired.hasSuffix("d\u{FFFD}"))
    }
}

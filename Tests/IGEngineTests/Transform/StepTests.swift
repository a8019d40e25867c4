import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport
import Testing

@Suite struct StepTests {
    let account = AccountContext(accountID: "1", username: "u")

    func apply(_ steps: [TransformStep], to record: Record) -> Record? {
        Transformer(steps: steps, runID: "r", extractedAt: Date()).apply(record, stream: .media, account: account)
    }

    func keeps(_ field: String, _ op: FilterCondition.Operator, _ values: [String], _ record: Record) -> Bool {
        apply([.filter(FilterCondition(field: field, op: op, values: values))], to: record) != nil
    }

    @Test func selectKeepsTheNamedFieldsInTheirOrder() {
        let record = apply([.select(["c", "a", "missing"])], to: ["a": 1, "b": 2, "c": 3])
        #expect(record?.keys == ["c", "a"])
    }

    @Test func dropRemovesTheNamedFields() {
        #expect(apply([.drop(["b"])], to: ["a": 1, "b": 2, "c": 3])?.keys == ["a", "c"])
    }

    @Test func renameKeepsThePosition() {
        let record = apply([.rename([Rename(from: "b", to: "bee")])], to: ["a": 1, "b": 2, "c": 3])
        #expect(record?.keys == ["a", "bee", "c"])
        #expect(record?["bee"] == 2)
    }

    @Test func filterComparesNumbersAsNumbers() {
        let record: Record = ["like_count": 9]
        #expect(keeps("like_count", .greater, ["10"], record) == false)
        #expect(keeps("like_count", .less, ["10"], record))
        #expect(keeps("like_count", .lessOrEqual, ["9"], record))
        #expect(keeps("like_count", .greaterOrEqual, ["9.5"], record) == false)
        #expect(keeps("like_count", .equal, ["9"], record))
        #expect(keeps("like_count", .notEqual, ["9"], record) == false)
    }

    @Test func filterComparesTimestampsAndDatesAsTime() {
        let record: Record = ["timestamp": "2025-03-01T12:34:56+0000"]
        #expect(keeps("timestamp", .greaterOrEqual, ["2025-01-01"], record))
        #expect(keeps("timestamp", .less, ["2025-03-01T13:00:00+01:00"], record) == false)
        #expect(keeps("timestamp", .greater, ["2025-03-02"], record) == false)
    }

    @Test func filterComparesOtherValuesAsStrings() {
        let record: Record = ["media_type": "VIDEO"]
        #expect(keeps("media_type", .isIn, ["IMAGE", "CAROUSEL_ALBUM"], record) == false)
        #expect(keeps("media_type", .isIn, ["IMAGE", "VIDEO"], record))
        #expect(keeps("media_type", .notIn, ["IMAGE", "CAROUSEL_ALBUM"], record))
        #expect(keeps("media_type", .less, ["W"], record))
    }

    @Test func filterContainsTestsSubstringsAndArrayElements() {
        let record: Record = ["caption": "sunset over Kyoto", "hashtags": ["travel", "japan"]]
        #expect(keeps("caption", .contains, ["Kyoto"], record))
        #expect(keeps("caption", .contains, ["kyoto"], record) == false)
        #expect(keeps("hashtags", .contains, ["japan"], record))
        #expect(keeps("hashtags", .contains, ["food"], record) == false)
    }

    @Test func filterFollowsDottedPathsIntoChildren() {
        let record: Record = ["children": [["media_type": "VIDEO"], ["media_type": "IMAGE"]]]
        #expect(keeps("children.1.media_type", .equal, ["IMAGE"], record))
        #expect(keeps("children.0.media_type", .equal, ["IMAGE"], record) == false)
    }

    @Test func filterKeepsRecordsThatLackTheField() {
        #expect(keeps("like_count", .greater, ["100"], ["id": "1"]))
        #expect(keeps("like_count", .greater, ["100"], ["like_count": nil]))
    }

    @Test func filterDropsRecordsFromThePageButKeepsItsCursor() {
        let page = Page(
            stream: .media,
            account: "me",
            records: [["n": 1], ["n": 5], ["n": 3]],
            position: StreamPosition(cursor: "abc")
        )
        let transformer = Transformer(
            steps: [.filter(FilterCondition(field: "n", op: .greaterOrEqual, values: ["3"]))],
            runID: "r",
            extractedAt: Date()
        )
        let result = transformer.apply(page, account: account)
        #expect(result.records == [["n": 5], ["n": 3]])
        #expect(result.position?.cursor == "abc")
    }

    @Test func hashtagsAreUnicodeAwareAndStopAtPunctuation() {
        #expect(
            TagExtractor.hashtags(in: "Dinner #café, in #日本! #naïve_2025. #नमस्ते") == [
                "café", "日本", "naïve_2025", "नमस्ते",
            ]
        )
    }

    @Test func hashtagsKeepTheFirstSpellingAndDedupeIgnoringCase() {
        #expect(TagExtractor.hashtags(in: "#Travel #travel #TRAVEL #food") == ["Travel", "food"])
    }

    @Test func hashtagsIgnoreDigitsOnlySignsInsideWordsAndEmoji() {
        #expect(TagExtractor.hashtags(in: "#1 C# issue#2 #😀 # alone") == [])
        #expect(TagExtractor.hashtags(in: "#one#two ＃full") == ["one", "two", "full"])
        #expect(TagExtractor.hashtags(in: "#sun😀set") == ["sun"])
    }

    @Test func mentionsAreUsernamesWithoutTrailingDots() {
        #expect(
            TagExtractor.mentions(in: "Thanks @Some.One. and @some.one, @x_y! mail me@example.com") == [
                "Some.One", "x_y",
            ]
        )
    }

    @Test func extractionStepsWriteArraysEvenForRecordsWithoutTheFieldSoEveryRecordHasOneKeySet() {
        let steps: [TransformStep] = [
            .hashtags(TextExtraction(to: "hashtags")), .mentions(TextExtraction(from: "caption", to: "people")),
        ]
        let record = apply(steps, to: ["caption": "#a @b"])
        #expect(record?["hashtags"] == ["a"])
        #expect(record?["people"] == ["b"])
        #expect(apply(steps, to: ["id": "1"]) == ["id": "1", "hashtags": [], "people": []])
        #expect(apply(steps, to: ["caption": "plain"])?["hashtags"] == [])
    }

    @Test func truncateCountsGraphemesAndNeverSplitsOne() {
        let family = "👨‍👩‍👧‍👦"
        let truncation = Truncation(field: "caption", maxLength: 3)
        #expect(truncation.apply(to: family + family + family + family) == family + family + "…")
        #expect(truncation.apply(to: "🇯🇵🇫🇷🇩🇪") == "🇯🇵🇫🇷🇩🇪")
        #expect(truncation.apply(to: "e\u{301}e\u{301}e\u{301}e\u{301}") == "e\u{301}e\u{301}…")
    }

    @Test func truncateLeavesShortTextAloneAndWorksWithoutRoomForTheEllipsis() {
        #expect(Truncation(field: "c", maxLength: 10).apply(to: "short") == "short")
        #expect(Truncation(field: "c", maxLength: 2, ellipsis: "...").apply(to: "abcdef") == "ab")
    }

    @Test func truncateStepCutsTheField() {
        let record = apply([.truncate(Truncation(field: "caption", maxLength: 5))], to: ["caption": "abcdefgh"])
        #expect(record?["caption"] == "abcd…")
    }

    @Test func stepsRunInOrder() {
        let steps: [TransformStep] = [
            .normalize(NormalizeOptions()), .rename([Rename(from: "comments_count", to: "comments")]),
            .select(["id", "comments", "timestamp"]),
        ]
        let record = apply(steps, to: ["id": 5, "timestamp": "2025-03-01T12:34:56+0000", "comments_count": 2])
        #expect(record == ["id": "5", "comments": 2, "timestamp": "2025-03-01T12:34:56Z"])
    }
}

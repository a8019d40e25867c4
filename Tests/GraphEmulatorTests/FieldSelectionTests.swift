import Testing

@testable import GraphEmulator

@Suite struct FieldSelectionTests {
    @Test func parsesNestedBracesAndLimitsInEitherOrder() throws {
        let fields = try FieldSelection.parse("id,caption,children.limit(2){id,media_url},comments{id}.limit(5)")
        #expect(fields.map(\.name) == ["id", "caption", "children", "comments"])
        #expect(fields[2].limit == 2)
        #expect(fields[2].subfields?.map(\.name) == ["id", "media_url"])
        #expect(fields[2].subfieldsText == "id,media_url")
        #expect(fields[3].limit == 5)
        #expect(fields[3].subfields?.map(\.name) == ["id"])
    }

    @Test func parsesDeeplyNestedExpansions() throws {
        let fields = try FieldSelection.parse("media.limit(50){id,children{id,media_type},like_count}")
        let media = try #require(fields.first)
        #expect(media.limit == 50)
        #expect(media.subfieldsText == "id,children{id,media_type},like_count")
        #expect(media.subfields?[1].subfields?.map(\.name) == ["id", "media_type"])
    }

    @Test(arguments: ["id,children{id", "id}", "children{id}{id}", "id,.limit(2)", "children.limit(2"])
    func answersSyntaxErrorsWithCode2500(_ text: String) {
        #expect {
            try FieldSelection.parse(text)
        } throws: { error in
            (error as? GraphAPIError)?.code == 2500
        }
    }

    @Test func refusesANonPositiveLimit() {
        #expect {
            try FieldSelection.parse("children.limit(0){id}")
        } throws: { error in
            (error as? GraphAPIError)?.code == 100
        }
    }
}

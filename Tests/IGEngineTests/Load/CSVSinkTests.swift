import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport
import Testing

@Suite struct CSVSinkTests {
    let context = SinkContext(pipeline: "demo", runID: "r1", date: "2025-03-01")

    func csv(_ records: [Record], columns: [String] = [], configure: (inout CSVOptions) -> Void = { _ in }) throws
        -> String
    {
        try withTemporaryFolder { folder in
            var config = sinkConfig(.csv, folder + "/out.csv")
            config.csv.columns = columns
            configure(&config.csv)
            try run(
                makeSink(config, context: context),
                [Page(stream: .media, account: "me", records: records)]
            )
            return text(folder + "/out.csv")
        }
    }

    @Test func writesNullAsAnEmptyFieldAndAnEmptyStringAsQuotes() throws {
        #expect(try csv([["a": nil, "b": "", "c": 1]]) == "a,b,c\n,\"\",1\n")
    }

    @Test func writesTheLiteralDigitsOfBigNumbers() throws {
        let big = "123456789012345678901234567890"
        #expect(try csv([["n": .number(big), "m": [.number(big)]]]) == "n,m\n\(big),[\(big)]\n")
    }

    @Test func quotesFieldsWithCommasQuotesAndLineBreaks() throws {
        let output = try csv([["t": "a,b"], ["t": "say \"hi\""], ["t": "one\ntwo"], ["t": "cr\rhere"], ["t": "plain"]])
        #expect(output == "t\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"one\ntwo\"\n\"cr\rhere\"\nplain\n")
    }

    @Test func readsColumnsByDottedPath() throws {
        let record: Record = ["id": "1", "children": [["media_url": "u0"], ["media_url": "u1"]]]
        #expect(
            try csv([record], columns: ["id", "children.1.media_url", "children.5.media_url"])
                == "id,children.1.media_url,children.5.media_url\n1,u1,\n"
        )
    }

    @Test func writesArraysAsJSONTextOrJoined() throws {
        let record: Record = ["tags": ["a", "b,c"], "kids": [["id": "1"]]]
        #expect(try csv([record]) == "tags,kids\n\"[\"\"a\"\",\"\"b,c\"\"]\",\"[{\"\"id\"\":\"\"1\"\"}]\"\n")
        #expect(try csv([record], columns: ["tags"]) { $0.arraySeparator = "|" } == "tags\n\"a|b,c\"\n")
    }

    @Test func takesTheFirstRecordsKeysWhenNoColumnsAreConfigured() throws {
        #expect(try csv([["a": 1, "b": 2], ["b": 3, "c": 4]]) == "a,b\n1,2\n,3\n")
    }

    @Test func writesTheExcelDialectWithABOMCRLFAndAFormulaGuard() throws {
        let records: [Record] = [
            ["t": "=1+1"], ["t": "+x"], ["t": "-x"], ["t": "@x"], ["t": "\tx"], ["t": "\rx"], ["t": .int(-3)],
        ]
        let output = try csv(records) { $0.dialect = .excel }
        #expect(Array(output.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(output.dropFirst() == "t\r\n'=1+1\r\n'+x\r\n'-x\r\n'@x\r\n'\tx\r\n\"'\rx\"\r\n-3\r\n")
    }

    @Test func leavesFormulaLikeTextAloneInTheWarehouseDialect() throws {
        #expect(try csv([["t": "=1+1"]]) == "t\n=1+1\n")
    }

    @Test func omitsTheHeaderWhenAsked() throws {
        #expect(try csv([["a": 1]]) { $0.header = false } == "1\n")
    }

    @Test func writesEveryHostileCaptionSoThatItReadsBack() throws {
        let output = try csv(HostileRecords.transformedMedia(), columns: ["id", "caption"])
        #expect(output.utf8.count > 2200)
        #expect(output.hasPrefix("id,caption\n17900000000000000,"))
    }
}

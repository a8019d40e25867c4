import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport
import Testing

@Suite struct XMLSinkTests {
    let context = SinkContext(pipeline: "demo <&>", runID: "r1", date: "2025-03-01")

    @Test func writesAWellFormedDocumentForHostileRecords() throws {
        try withTemporaryFolder { folder in
            try run(makeSink(sinkConfig(.xml, folder + "/out.xml"), context: context), hostilePages())
            let bytes = contents(folder + "/out.xml")
            let probe = try XMLProbe.parse(bytes)
            #expect(probe.elements.first == "records")
            #expect(probe.attributes.first?["pipeline"] == "demo <&>")
            #expect(probe.count("record") == HostileRecords.captions.count + 1)
            let captions = probe.texts["caption"] ?? []
            #expect(captions.contains("<b>bold</b> & <script>alert(1)</script> ]]> <item>"))
            #expect(captions.contains("bell start back end"))
            #expect(captions.contains(HostileRecords.longCaption))
            #expect(captions.contains("odd  char"))
        }
    }

    @Test func nestsObjectsAndRepeatsItemsForArrays() throws {
        try withTemporaryFolder { folder in
            let record: Record = ["id": "1", "children": [["id": "2"], ["id": "3"]], "owner": ["id": "9"], "n": nil]
            try run(
                makeSink(sinkConfig(.xml, folder + "/out.xml"), context: context),
                [Page(stream: .media, account: "me", records: [record])]
            )
            let expected = """
                <?xml version="1.0" encoding="UTF-8"?>
                <records pipeline="demo &lt;&amp;&gt;" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                <record stream="media" account="me"><id>1</id><children><item><id>2</id></item><item><id>3</id></item>\
                </children><owner><id>9</id></owner><n xsi:nil="true"></n></record>
                </records>

                """
            #expect(text(folder + "/out.xml") == expected)
        }
    }

    @Test func namesUnsafeKeysInAnAttribute() throws {
        try withTemporaryFolder { folder in
            let record: Record = ["2nd": 1, "a b": 2, "café": 3, "": 4, "xmlns": 5, "ok-key.1": 6]
            try run(
                makeSink(sinkConfig(.xml, folder + "/out.xml"), context: context),
                [Page(stream: .media, account: "me", records: [record])]
            )
            let probe = try XMLProbe.parse(contents(folder + "/out.xml"))
            let names = probe.attributes.compactMap { $0["name"] }
            #expect(names == ["2nd", "a b", "café", "", "xmlns"])
            #expect(probe.count("ok-key.1") == 1)
        }
    }
}

import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport
import Testing

@Suite struct NDJSONSinkTests {
    let context = SinkContext(pipeline: "demo", runID: "r1", date: "2025-03-01")

    @Test func writesOneObjectPerLineWithoutABOM() throws {
        try withTemporaryFolder { folder in
            let sink = try makeSink(sinkConfig(.ndjson, folder + "/{stream}.ndjson"), context: context)
            let paths = try run(sink, hostilePages())
            #expect(paths == [folder + "/profile.ndjson", folder + "/media.ndjson"])
            let bytes = contents(folder + "/media.ndjson")
            #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(bytes.last == UInt8(ascii: "\n"))
            let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == HostileRecords.captions.count)
            for (line, expected) in zip(lines, HostileRecords.captions) {
                let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
                #expect(object?["caption"] as? String == expected.caption)
                #expect(object?["id"] is String)
                #expect((object?["timestamp"] as? String)?.hasSuffix("Z") == true)
            }
        }
    }

    @Test func keepsTheRecordsKeyOrder() throws {
        try withTemporaryFolder { folder in
            let sink = try makeSink(sinkConfig(.ndjson, folder + "/out.ndjson"), context: context)
            try run(sink, [Page(stream: .media, account: "me", records: [["z": 1, "a": nil, "m": "x"]])])
            #expect(text(folder + "/out.ndjson") == #"{"z":1,"a":null,"m":"x"}"# + "\n")
        }
    }

    @Test func skipsStreamsItDoesNotTake() throws {
        try withTemporaryFolder { folder in
            let sink = try makeSink(sinkConfig(.ndjson, folder + "/out.ndjson", streams: [.profile]), context: context)
            try run(sink, hostilePages())
            #expect(text(folder + "/out.ndjson").split(separator: "\n").count == 1)
        }
    }

    @Test func publishesAnEmptyFileForARunWithoutRecords() throws {
        try withTemporaryFolder { folder in
            let sink = try makeSink(sinkConfig(.ndjson, folder + "/out.ndjson"), context: context)
            #expect(try run(sink, []) == [folder + "/out.ndjson"])
            #expect(FileManager.default.fileExists(atPath: folder + "/out.ndjson"))
        }
    }
}

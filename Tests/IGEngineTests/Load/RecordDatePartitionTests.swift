import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport
import Testing

@Suite struct RecordDatePartitionTests {
    let context = SinkContext(pipeline: "demo", runID: "r1", date: "2025-03-01")

    func page(_ times: [String?]) -> Page {
        let records: [Record] = times.enumerated().map { index, time in
            var record = Record()
            record.append("id", .string("\(index)"))
            record.append("timestamp", time.map(JSONValue.string) ?? .null)
            return record
        }
        return Page(stream: .media, account: "me", records: records)
    }

    @Test func writesEachRecordIntoItsOwnDatesFile() throws {
        try withTemporaryFolder { folder in
            let config = sinkConfig(.ndjson, folder + "/{stream}/dt={record_date}/part.ndjson", streams: [.media])
            let sink = try makeSink(config, context: context)
            try sink.write(page(["2024-12-31T23:59:59+0000", "2025-01-01T00:00:00Z", "2024-12-31T10:00:00Z", nil]))
            let offsets = try sink.commit(sync: false)
            #expect(
                offsets.keys.sorted()
                    == ["2024-12-31", "2025-01-01", "2025-03-01"].map {
                        folder + "/media/dt=\($0)/part.ndjson"
                    }
            )
            let statistics = sink.statistics[folder + "/media/dt=2024-12-31/part.ndjson"]
            #expect(statistics?.rows == 2)
            #expect(statistics?.minTimestamp == "2024-12-31T10:00:00Z")
            #expect(statistics?.maxTimestamp == "2024-12-31T23:59:59Z")
            _ = try sink.finish()
            #expect(text(folder + "/media/dt=2024-12-31/part.ndjson").split(separator: "\n").count == 2)
        }
    }

    @Test func resumesEveryPartitionAtItsOwnOffsetWithItsCounts() throws {
        try withTemporaryFolder { folder in
            let config = sinkConfig(.csv, folder + "/m={record_month}/part.csv.gz", streams: [.media])
            var gzip = config
            gzip.compression = .gzip
            var offsets: [String: UInt64] = [:]
            var statistics: [String: OutputStats] = [:]
            do {
                let first = try makeSink(gzip, context: context)
                try first.write(page(["2025-01-05T00:00:00Z", "2025-02-05T00:00:00Z"]))
                offsets = try first.commit(sync: true)
                statistics = first.statistics
                try first.write(page(["2025-01-06T00:00:00Z"]))
                _ = try first.commit(sync: false)
            }
            var resumed = context
            resumed.resumeOffsets = offsets
            resumed.resumeStatistics = statistics
            let second = try makeSink(gzip, context: resumed)
            try second.write(page(["2025-01-06T00:00:00Z"]))
            _ = try second.commit(sync: true)
            #expect(second.statistics[folder + "/m=2025-01/part.csv.gz"]?.rows == 2)
            #expect(second.statistics[folder + "/m=2025-02/part.csv.gz"]?.rows == 1)
            _ = try second.finish()
            let january = try decompressed(folder + "/m=2025-01/part.csv.gz", .gzip)
            #expect(
                String(decoding: january, as: UTF8.self)
                    == "id,timestamp\n0,2025-01-05T00:00:00Z\n0,2025-01-06T00:00:00Z\n"
            )
        }
    }
}

import Foundation
import IGCore
import IGEngine
import IGGraph
import TestSupport
import Testing

/// Decompresses a file with the system's own `gzip` or `zstd`, as a loader would.
func decompressed(_ path: String, _ compression: OutputCompression) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: compression == .gzip ? "/usr/bin/gzip" : "/usr/bin/zstd")
    process.arguments = ["-dc", path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let bytes = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return [UInt8](bytes)
}

@Suite struct CompressedOutputTests {
    static let cases: [(SinkConfig.Format, OutputCompression)] = [
        (.ndjson, .gzip), (.ndjson, .zstd), (.csv, .gzip), (.csv, .zstd), (.xml, .gzip), (.xml, .zstd),
    ]
    let context = SinkContext(pipeline: "demo", runID: "r1", date: "2025-03-01")

    func config(_ format: SinkConfig.Format, _ path: String, _ compression: OutputCompression) -> SinkConfig {
        var config = sinkConfig(format, path, streams: [.media])
        config.compression = compression
        return config
    }

    func media() -> [Page] { Array(hostilePages().dropFirst()) }

    @Test(arguments: cases)
    func decompressesToThePlainFile(format: SinkConfig.Format, compression: OutputCompression) throws {
        try withTemporaryFolder { folder in
            try run(makeSink(config(format, folder + "/plain", .none), context: context), media())
            try run(makeSink(config(format, folder + "/packed", compression), context: context), media())
            #expect(try decompressed(folder + "/packed", compression) == contents(folder + "/plain"))
            #expect(contents(folder + "/packed").count < contents(folder + "/plain").count)
        }
    }

    @Test(arguments: cases)
    func writesTheSameBytesForTheSameRecords(format: SinkConfig.Format, compression: OutputCompression) throws {
        try withTemporaryFolder { first in
            try withTemporaryFolder { second in
                try run(makeSink(config(format, first + "/out", compression), context: context), media())
                try run(makeSink(config(format, second + "/out", compression), context: context), media())
                #expect(contents(first + "/out") == contents(second + "/out"))
            }
        }
    }

    @Test func writesGzipHeadersWithoutTimeOrName() throws {
        try withTemporaryFolder { folder in
            try run(makeSink(config(.ndjson, folder + "/out.gz", .gzip), context: context), media())
            let bytes = contents(folder + "/out.gz")
            // ID1 ID2 CM, then FLG 0 (no name, no comment, no extra) and MTIME 0.
            #expect(Array(bytes.prefix(8)) == [0x1F, 0x8B, 8, 0, 0, 0, 0, 0])
        }
    }

    @Test func writesOneMemberPerCommittedPage() throws {
        try withTemporaryFolder { folder in
            let sink = try makeSink(config(.ndjson, folder + "/out.gz", .gzip), context: context)
            var offsets: [UInt64] = []
            for page in media() {
                try sink.write(page)
                offsets.append(try sink.commit(sync: false)[folder + "/out.gz"] ?? 0)
            }
            _ = try sink.finish()
            let bytes = contents(folder + "/out.gz")
            for offset in offsets.dropLast() {
                // Every committed offset is where a new member starts.
                #expect(Array(bytes[Int(offset)..<Int(offset) + 3]) == [0x1F, 0x8B, 8])
            }
            #expect(offsets.last == UInt64(bytes.count))
        }
    }

    @Test(arguments: cases)
    func aResumedCompressedFileEqualsAnUninterruptedOne(
        format: SinkConfig.Format,
        compression: OutputCompression
    ) throws {
        let pages = media()
        try withTemporaryFolder { whole in
            try run(makeSink(config(format, whole + "/out", compression), context: context), pages)
            for committed in 1..<pages.count {
                try withTemporaryFolder { folder in
                    var offsets: [String: UInt64] = [:]
                    do {
                        let first = try makeSink(config(format, folder + "/out", compression), context: context)
                        for page in pages.prefix(committed) {
                            try first.write(page)
                            offsets = try first.commit(sync: true)
                        }
                        try first.write(pages[committed])
                        _ = try first.commit(sync: false)
                    }
                    var resumed = context
                    resumed.resumeOffsets = offsets
                    let second = try makeSink(config(format, folder + "/out", compression), context: resumed)
                    try run(second, Array(pages.dropFirst(committed)))
                    #expect(contents(folder + "/out") == contents(whole + "/out"))
                }
            }
        }
    }

    @Test func refusesToResumeInsideAMember() throws {
        try withTemporaryFolder { folder in
            var offset: UInt64 = 0
            do {
                let sink = try makeSink(config(.ndjson, folder + "/out.gz", .gzip), context: context)
                for page in media().prefix(2) {
                    try sink.write(page)
                    offset = try sink.commit(sync: true)[folder + "/out.gz"] ?? 0
                }
            }
            var resumed = context
            resumed.resumeOffsets = [folder + "/out.gz": offset - 1]
            #expect(throws: SinkError.self) {
                _ = try makeSink(config(.ndjson, folder + "/out.gz", .gzip), context: resumed)
            }
        }
    }

    @Test func takesTheCompressionFromTheExtensionUnlessTold() throws {
        let yaml = """
            version: 1
            name: lake
            source: {api: emulator}
            extract: {media: {}}
            load:
              - ndjson: {path: "lake/{stream}/part.ndjson.gz"}
              - csv: {path: "lake/media.csv.zst"}
              - xml: {path: "lake/media.xml"}
              - ndjson: {path: "lake/{stream}/raw.json", compression: gzip}
              - csv: {path: "lake/media.csv.gz", compression: none}
            """
        let config = try PipelineConfig.parse(yaml: yaml, file: "lake.yaml", environment: [:])
        #expect(config.load.map(\.compression) == [.gzip, .zstd, .none, .gzip, .none])
    }

    @Test func refusesCompressionOnAFeed() {
        let yaml = """
            version: 1
            name: lake
            source: {api: emulator}
            extract: {media: {}}
            load:
              - jsonfeed: {path: "site/feed.json", compression: gzip}
            """
        #expect(throws: ConfigError.self) {
            _ = try PipelineConfig.parse(yaml: yaml, file: "lake.yaml", environment: [:])
        }
    }
}

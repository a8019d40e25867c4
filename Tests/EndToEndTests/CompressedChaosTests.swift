import Foundation
import GraphEmulator
import TestSupport
import Testing

/// Guarantees 1 and 2 of DESIGN.md on a warehouse landing zone: gzip NDJSON and zstd CSV, partitioned by the
/// records' own month, with a catalog and a manifest. `igexport run` killed at seeded crash points, each page a
/// gzip member or zstd frame cut back on resume, ends with the same bytes as a run never interrupted.
@Suite(.serialized, .tags(.slow)) struct CompressedChaosTests {
    /// The kills at page commits and state saves before the publishing kill and the run that completes. Each
    /// kills after at most three of the run's 53 committed pages, so all land before the run could end.
    static let kills = 12

    static func pipeline(output: URL, server: GraphEmulatorServer) -> String {
        """
        version: 1
        name: lake-chaos
        source:
          api: \(server.baseURL)
          token: ${env:CHAOS_TOKEN}
        http:
          retry: {max_attempts: 20, base_delay: 1ms, max_delay: 10ms}
        extract:
          profile: {}
          media: {page_size: 10}
        transform:
          - normalize
          - hashtags: {from: caption}
        load:
          - ndjson: {path: "\(output.path)/{stream}/month={record_month}/part.ndjson.gz", compression: gzip}
          - csv:
              stream: media
              path: "\(output.path)/media_csv/month={record_month}/part.csv.zst"
              compression: zstd
        catalog: {path: "\(output.path)/_catalog"}
        manifest: {path: "\(output.path)/_manifests/{run}.json"}
        checkpoint: {path: "\(output.path)/.state/lake-chaos.json"}
        """
    }

    @Test func compressedPartitionsAreByteIdenticalAfterKills() async throws {
        try await withTemporaryFolder { folder in
            try await withEmulator(ChaosTests.emulator) { server in
                let environment = ["CHAOS_TOKEN": server.accounts[0].token]
                let reference = folder.url.appendingPathComponent("reference")
                let referencePipeline = try folder.write(
                    Self.pipeline(output: reference, server: server),
                    to: "reference.yaml"
                )
                let clean = try await Command(arguments: ["run", referencePipeline.path], environment: environment)
                    .run()
                #expect(clean.status == 0, "\(clean.stderr)")

                let chaos = folder.url.appendingPathComponent("chaos")
                let chaosPipeline = try folder.write(Self.pipeline(output: chaos, server: server), to: "chaos.yaml")
                var random = SplitMix(seed: 2027)
                var points = (0..<Self.kills).map { _ in ChaosTests.crashPoint(&random) }
                #expect(
                    points.contains { $0.hasPrefix("after-commit") }
                        && points.contains { $0.hasPrefix("before-rename") }
                )
                // Then once while publishing, the NDJSON partitions renamed into place and the CSV ones not.
                points.append("between-publishes:1")
                let command = Command(arguments: ["run", chaosPipeline.path], environment: environment)
                for point in points {
                    guard try await command.runKilled(at: point) else { return }
                }
                let finish = try await Command(arguments: ["run", chaosPipeline.path], environment: environment).run()
                #expect(finish.status == 0, "\(finish.stderr)")
                #expect(finish.stdout.contains("(resumed)"))

                let files = try Self.dataFiles(reference)
                #expect(files.filter { $0.hasPrefix("media/month=") && $0.hasSuffix(".ndjson.gz") }.count > 1)
                #expect(files.filter { $0.hasPrefix("media_csv/month=") && $0.hasSuffix(".csv.zst") }.count > 1)
                #expect(files.contains("_catalog/media.schema.json"))
                #expect(try Self.dataFiles(chaos) == files)
                for file in files {
                    let left = try Data(contentsOf: reference.appendingPathComponent(file))
                    let right = try Data(contentsOf: chaos.appendingPathComponent(file))
                    #expect(left == right, "\(file) differs")
                }
            }
        }
    }

    /// Every file under `folder` but the manifests (which record run ids and times) and hidden ones (state,
    /// partial files), as sorted relative paths.
    private static func dataFiles(_ folder: URL) throws -> [String] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            let components = path.split(separator: "/")
            guard !components.contains(where: { $0.hasPrefix(".") }), components.first != "_manifests" else { continue }
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder)
            if !isFolder.boolValue { files.append(path) }
        }
        return files.sorted()
    }
}

import Foundation
import TestSupport
import Testing

/// `igexport catalog` as a user runs it: it prints, without running, exactly the schema files a run writes.
@Suite struct CatalogCommandTests {
    @Test func printsWithoutRunningTheFilesARunWrites() async throws {
        try await withTemporaryFolder { folder in
            let output = folder.url.appendingPathComponent("out")
            let pipeline = try folder.write(
                """
                version: 1
                name: catalogued
                source:
                  api: emulator
                  emulator: {seed: 3, media: 12}
                extract:
                  media: {}
                  comments: {}
                transform:
                  - normalize: {run_fields: true}
                load:
                  - ndjson: {path: "\(output.path)/{stream}.ndjson.gz"}
                catalog: {path: "\(output.path)/_catalog"}
                checkpoint: {path: "\(output.path)/.state/catalogued"}
                """,
                to: "catalogued.yaml"
            )
            let printed = try await Command(arguments: ["catalog", pipeline.path]).run()
            #expect(printed.status == 0, "\(printed.stderr)")
            #expect(!FileManager.default.fileExists(atPath: output.path), "catalog ran the pipeline")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any]
            )
            #expect(
                document.keys.sorted() == [
                    "comments.bigquery.json", "comments.schema.json", "comments.sql", "media.bigquery.json",
                    "media.schema.json", "media.sql",
                ]
            )

            let run = try await Command(arguments: ["run", pipeline.path]).run()
            #expect(run.status == 0, "\(run.stderr)")
            for (name, printed) in document {
                let written = try Data(contentsOf: output.appendingPathComponent("_catalog/\(name)"))
                if let sql = printed as? String {
                    #expect(String(decoding: written, as: UTF8.self) == sql, "\(name) differs from what was printed")
                } else {
                    let parsed = try JSONSerialization.jsonObject(with: written)
                    #expect(
                        NSDictionary(dictionary: ["v": parsed]).isEqual(to: ["v": printed]),
                        "\(name) differs from what was printed"
                    )
                }
            }
        }
    }
}

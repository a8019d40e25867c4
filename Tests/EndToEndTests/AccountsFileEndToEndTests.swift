import Foundation
import GraphEmulator
import TestSupport
import Testing

/// `source.accounts_file` as a user runs it: the file is read when the run starts, and a shard reads only its
/// own accounts' token files.
@Suite struct AccountsFileEndToEndTests {
    @Test func aShardReadsOnlyItsOwnTokensAndEveryTokenFileIsRefreshedOnItsOwn() async throws {
        try await withTemporaryFolder { folder in
            let server = try await GraphEmulatorServer.start(EmulatorConfiguration(accounts: 3, mediaPerAccount: 5))
            let tokens = folder.url.appendingPathComponent("tokens")
            try FileManager.default.createDirectory(at: tokens, withIntermediateDirectories: true)
            var lines = ["# id token"]
            for account in server.accounts {
                try (account.token + "\n").write(
                    to: tokens.appendingPathComponent(account.id),
                    atomically: true,
                    encoding: .utf8
                )
                lines.append("\(account.id) ${file:\(tokens.path)/\(account.id)}")
            }
            let accounts = try folder.write(lines.joined(separator: "\n") + "\n", to: "accounts.txt")
            let output = folder.url.appendingPathComponent("out")
            let pipeline = try folder.write(
                """
                version: 1
                name: many
                source:
                  api: \(server.baseURL)
                  accounts_file: \(accounts.path)
                extract:
                  media: {page_size: 10}
                load:
                  - ndjson: {path: "\(output.path)/{account}/media.ndjson"}
                checkpoint: {path: "\(output.path)/.state/many"}
                """,
                to: "many.yaml"
            )

            let missing = server.accounts[0].id
            let saved = try Data(contentsOf: tokens.appendingPathComponent(missing))
            try FileManager.default.removeItem(at: tokens.appendingPathComponent(missing))
            var statuses: [Int32] = []
            for index in 0..<2 {
                let result = try await Command(arguments: [
                    "run", "--shards", "2", "--shard-index", "\(index)", pipeline.path,
                ])
                .run()
                statuses.append(result.status)
                if result.status == 78 { #expect(result.stderr.contains("cannot read the token file")) }
            }
            #expect(statuses.sorted() == [0, 78])
            try saved.write(to: tokens.appendingPathComponent(missing))

            let run = try await Command(arguments: ["run", pipeline.path]).run()
            #expect(run.status == 0, "\(run.stderr)")
            for account in server.accounts {
                let media = try String(
                    contentsOf: output.appendingPathComponent("\(account.id)/media.ndjson"),
                    encoding: .utf8
                )
                #expect(media.split(separator: "\n").count == 5)
            }

            let refresh = try await Command(arguments: ["token", "refresh", pipeline.path]).run()
            #expect(refresh.status == 0, "\(refresh.stderr)")
            for account in server.accounts {
                #expect(refresh.stdout.contains("refreshed the token in \(tokens.path)/\(account.id)"))
                let written = try String(contentsOf: tokens.appendingPathComponent(account.id), encoding: .utf8)
                #expect(written.trimmingCharacters(in: .newlines) != account.token)
            }
            try await server.shutdown()
        }
    }
}

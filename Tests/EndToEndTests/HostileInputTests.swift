import Foundation
import GraphEmulator
import TestSupport
import Testing

/// Hand-edited files, planted links and a second pipeline on the same output, run through the binary.
@Suite(.tags(.slow)) struct HostileInputTests {
    @Test func aHugeDurationFailsValidationWith78NamingTheKey() async throws {
        try await withTemporaryFolder { folder in
            let file = try folder.write(
                """
                version: 1
                name: huge
                source: {api: emulator}
                http:
                  timeout: 999999999999d
                extract: {media: {}}
                load: [{ndjson: {path: out/media.ndjson}}]
                """,
                to: "huge.yaml"
            )
            let result = try await Command(arguments: ["validate", file.path], directory: folder.url).run()
            #expect(result.status == 78, "\(result.stderr)")
            #expect(result.stderr.contains("huge.yaml:5:"))
            #expect(result.stderr.contains("http.timeout"))
        }
    }

    @Test(arguments: ["o/media.ndjson", "a/b.csv"])
    func aWriterInAOneLetterFolderValidates(path: String) async throws {
        try await withTemporaryFolder { folder in
            let writer = path.hasSuffix(".csv") ? "csv: {stream: media, columns: [id]," : "ndjson: {"
            let file = try folder.write(
                """
                version: 1
                name: short
                source: {api: emulator}
                extract: {media: {}}
                load: [{\(writer) path: \(path)}}]
                """,
                to: "short.yaml"
            )
            let result = try await Command(arguments: ["validate", file.path], directory: folder.url).run()
            #expect(result.status == 0, "\(result.stderr)")
        }
    }

    @Test(arguments: ["", "  ", " \n\t"])
    func aBlankEnvironmentTokenExits78NamingTheVariable(token: String) async throws {
        try await withTemporaryFolder { folder in
            let file = try folder.write(
                """
                version: 1
                name: blank
                source: {api: "http://127.0.0.1:9", token: "${env:BLANK_TOKEN}"}
                extract: {media: {}}
                load: [{ndjson: {path: out/media.ndjson}}]
                """,
                to: "blank.yaml"
            )
            let command = Command(
                arguments: ["validate", file.path],
                environment: ["BLANK_TOKEN": token],
                directory: folder.url
            )
            let result = try await command.run()
            #expect(result.status == 78, "\(result.stderr)")
            #expect(result.stderr.contains("BLANK_TOKEN"))
        }
    }

    @Test func errorMessagesEscapeControlCharacters() async throws {
        let result = try await Command(arguments: ["state", "/nonexistent/\u{1B}]0;owned\u{07}.yaml"]).run()
        #expect(result.status == 78, "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{07}"))
        #expect(result.stderr.contains("\\u001b]0;owned\\u0007"))
    }

    @Test func theStateReportEscapesControlCharactersFromTheAPI() async throws {
        try await OpsFixture.with { fixture in
            #expect(try await fixture.run(["run", fixture.pipeline]).status == 0)
            let state = try String(contentsOfFile: fixture.accountStatePath, encoding: .utf8)
            let stamp = try #require(state.firstRange(of: "+0000\""))
            let hostile = state.replacingCharacters(in: stamp, with: "+0000\\u001b[2J\\u009b31m\"")
            try hostile.write(toFile: fixture.accountStatePath, atomically: true, encoding: .utf8)

            let result = try await fixture.run(["state", fixture.pipeline])
            #expect(result.status == 0, "\(result.stderr)")
            for output in [result.stdout, result.stderr] {
                #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B })
            }
            #expect(result.stdout.contains("+0000\\u001b[2J\\u009b31m"))
        }
    }

    @Test func aSymlinkPlantedAtThePartialFileExits73AndItsTargetIsUntouched() async throws {
        try await OpsFixture.with { fixture in
            let output = fixture.folder.url.appendingPathComponent("out").path
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            let victim = fixture.folder.url.appendingPathComponent("victim").path
            try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
            #expect(chmod(victim, 0o600) == 0)
            #expect(symlink(victim, output + "/.media.ndjson.partial") == 0)

            let result = try await fixture.run(["run", fixture.pipeline])
            #expect(result.status == 73, "\(result.stderr)")
            #expect(result.stderr.contains(output + "/.media.ndjson.partial"))
            #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
            let mode = try FileManager.default.attributesOfItem(atPath: victim)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    @Test func aSecondPipelineWritingTheSameOutputExits75NamingTheFirst() async throws {
        try await withTemporaryFolder { folder in
            // The first pipeline's second media page is held by the server: the first page is committed, so the
            // first pipeline holds the output while the second starts.
            let gate = ScriptedServer.Gate()
            let server = try ScriptedServer(
                ScriptedServer.Response.mediaPages(150, pageSize: 10, heldPage: 1, at: gate)
            )
            let output = folder.url.appendingPathComponent("out").path
            func pipeline(_ name: String) throws -> String {
                try folder.write(
                    """
                    version: 1
                    name: \(name)
                    source: {api: \(server.url), token: "${env:T}"}
                    extract: {media: {page_size: 10}}
                    load: [{ndjson: {path: "\(output)/media.ndjson"}}]
                    checkpoint: {path: "\(output)/.state/\(name).json"}
                    """,
                    to: name + ".yaml"
                ).path
            }
            let environment = ["T": "IGAAhostile"]
            let first = Command(arguments: ["run", try pipeline("first")], environment: environment)
            let second = Command(arguments: ["run", try pipeline("second")], environment: environment)
            let (refused, held) = try await first.runHeld(at: gate) { _ in try second.runBlocking() }
            #expect(refused.status == 75, "\(refused.stderr)")
            #expect(refused.stderr.contains("pipeline first"))
            #expect(held.status == 0, "\(held.stderr)")
            #expect(server.requests.count == 16, "the profile and 15 pages: the refused pipeline made no request")
            #expect(server.requests.filter { $0.target.hasPrefix("/v23.0/me?") }.count == 1)
            let lines = try String(contentsOfFile: output + "/media.ndjson", encoding: .utf8).split(separator: "\n")
            // The server answers in script order whatever is asked: had the refused pipeline fetched the profile
            // and a page before taking the output lock, the first would have been answered with the pages after
            // them and missed media 20 to 39.
            #expect(lines.count == 150)
            #expect(Set(lines).count == 150)
        }
    }
}

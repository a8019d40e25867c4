import Foundation
import Testing

extension OpsEndToEndTests {
    /// `igexport token info` and `token refresh` against the emulator, and `auto_refresh` in a run.
    @Suite struct TokenCommandTests {
        /// Runs `body` with a fixture whose token is in `folder/token`, named by `${file:…}`, and the file's path.
        static func fileFixture(
            faults: String = "",
            extra: String = "",
            _ body: (OpsFixture, String) async throws -> Void
        ) async throws {
            try await OpsFixture.with(faults: faults) { fixture in
                let path = fixture.folder.url.appendingPathComponent("token").path
                try (fixture.token + "\n").write(toFile: path, atomically: true, encoding: .utf8)
                try fixture.writePipeline(token: "${file:\(path)}", extra: extra)
                try await body(fixture, path)
            }
        }

        @Test func refreshWritesANewTokenThatInfoThenDatesWithoutShowingIt() async throws {
            try await Self.fileFixture { fixture, path in
                let before = try await fixture.run(["token", "info", fixture.pipeline])
                #expect(before.status == 0)
                #expect(before.stdout.contains("age: unknown"))

                let refresh = try await fixture.run(["token", "refresh", fixture.pipeline])
                #expect(refresh.status == 0, "\(refresh.stderr)")
                #expect(refresh.stdout.contains("refreshed the token in \(path)"))
                let written = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .newlines)
                #expect(written != fixture.token && written.hasPrefix("IGAA"))
                let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
                #expect(mode == 0o600)

                let after = try await fixture.run(["token", "info", fixture.pipeline])
                #expect(after.status == 0)
                #expect(after.stdout.contains("refreshed by igexport: "))
                #expect(after.stdout.contains("expires: "))
                #expect(after.stdout.contains("(in 59d 23h)"))
                for output in [before.stdout, refresh.stdout, after.stdout, refresh.stderr] {
                    #expect(!output.contains(fixture.token) && !output.contains(written))
                }
            }
        }

        @Test func aRefusedRefreshExits77AndLeavesTheOldToken() async throws {
            try await Self.fileFixture(faults: "token_expiry=0") { fixture, path in
                let result = try await fixture.run(["token", "refresh", fixture.pipeline])
                #expect(result.status == 77, "\(result.stderr)")
                #expect(result.stderr.contains("the old token is unchanged"))
                #expect(!result.stderr.contains(fixture.token))
                #expect(try String(contentsOfFile: path, encoding: .utf8) == fixture.token + "\n")
            }
        }

        @Test func aRunWithAutoRefreshRefreshesADueTokenAndExportsWithIt() async throws {
            try await Self.fileFixture(extra: "  auth: {auto_refresh: true}") { fixture, path in
                let dayAndAHalfAgo = Date().addingTimeInterval(-36 * 3_600)
                try FileManager.default.setAttributes([.modificationDate: dayAndAHalfAgo], ofItemAtPath: path)
                let result = try await fixture.run(["run", fixture.pipeline])
                #expect(result.status == 0, "\(result.stderr)")
                let written = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .newlines)
                #expect(written != fixture.token)
                let info = try await fixture.run(["token", "info", fixture.pipeline])
                #expect(info.stdout.contains("auto_refresh: on, not due yet"))
            }
        }
    }
}

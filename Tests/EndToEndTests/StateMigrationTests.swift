import Foundation
import Testing

/// A pipeline whose state is the single file of an older igexport: the first run splits it per account and
/// goes on from it.
@Suite struct StateMigrationTests {
    @Test func anInterruptedRunInASingleStateFileResumesIntoTheSameBytes() async throws {
        try await OpsFixture.with(media: 45) { fixture in
            let output = fixture.folder.url.appendingPathComponent("out")
            #expect(try await fixture.run(["run", fixture.pipeline]).status == 0)
            let whole = try Data(contentsOf: output.appendingPathComponent("media.ndjson"))
            try FileManager.default.removeItem(at: output)
            try FileManager.default.removeItem(atPath: fixture.statePath)

            let crash = Command(
                arguments: ["run", fixture.pipeline],
                environment: ["T": fixture.token, "IGEXPORT_CRASH_AT": "after-commit:3"],
                directory: fixture.folder.url
            )
            #expect(try await crash.runToEnd().reason == .uncaughtSignal)
            // What an older igexport left: the same state, as one file at the checkpoint path.
            let state = try Data(contentsOf: URL(fileURLWithPath: fixture.accountStatePath))
            try FileManager.default.removeItem(atPath: fixture.statePath)
            try state.write(to: URL(fileURLWithPath: fixture.statePath))

            let resumed = try await fixture.run(["run", fixture.pipeline])
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(resumed.stdout.contains("(resumed)"))
            #expect(try Data(contentsOf: output.appendingPathComponent("media.ndjson")) == whole)
            #expect(FileManager.default.fileExists(atPath: fixture.statePath + ".migrated"))
            #expect(FileManager.default.fileExists(atPath: fixture.accountStatePath))
        }
    }
}

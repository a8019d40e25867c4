import Foundation
import Testing

extension OpsEndToEndTests {
    /// Every exit code a run can end with, reached as cron would see it.
    @Suite struct ExitCodeTests {
        @Test func aCompleteRunExits0AndPrintsOnlyTheSummaryLine() async throws {
            try await OpsFixture.with { fixture in
                let result = try await fixture.run(["run", fixture.pipeline])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stderr.isEmpty, "stderr is a pipe: no progress, no log at the default level")
                #expect(result.stdout.hasPrefix("igexport: ops: run "))
                #expect(result.stdout.split(separator: "\n").count == 1)
                #expect(result.stdout.contains("records profile=1 media=30"))
                let quiet = try await fixture.run(["run", "--quiet", fixture.pipeline])
                #expect(quiet.status == 0)
                #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty)
            }
        }

        @Test func aDamagedStateFileExits65() async throws {
            try await OpsFixture.with { fixture in
                try FileManager.default.createDirectory(
                    atPath: (fixture.statePath as NSString).deletingLastPathComponent,
                    withIntermediateDirectories: true
                )
                try "{not json".write(toFile: fixture.statePath, atomically: true, encoding: .utf8)
                let result = try await fixture.run(["run", fixture.pipeline])
                #expect(result.status == 65, "\(result.stderr)")
                #expect(result.stderr.contains("--fresh"))
            }
        }

        @Test func anAPIThatKeepsFailingExits69() async throws {
            try await OpsFixture.with(faults: "http500=every:1") { fixture in
                let result = try await fixture.run(["run", fixture.pipeline])
                #expect(result.status == 69, "\(result.stderr)")
            }
        }

        @Test func anUncreatableOutputExits73() async throws {
            try await OpsFixture.with { fixture in
                let out = fixture.folder.url.appendingPathComponent("out")
                try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
                _ = try fixture.folder.write("a file where the media folder would go", to: "out/media")
                try fixture.writePipeline(outputPath: out.path + "/{stream}/data.ndjson")
                let result = try await fixture.run(["run", fixture.pipeline])
                #expect(result.status == 73, "\(result.stderr)")
            }
        }

        @Test func anUnwritableMetricsFileExits74AfterTheRunCompleted() async throws {
            try await OpsFixture.with { fixture in
                let result = try await fixture.run(["run", "--metrics-file", "/dev/null/ops.prom", fixture.pipeline])
                #expect(result.status == 74, "\(result.stderr)")
                #expect(result.stderr.contains("cannot write the metrics file /dev/null/ops.prom"))
            }
        }

        @Test func aPipelineAlreadyRunningExits75() async throws {
            try await OpsFixture.with { fixture in
                let lockPath = fixture.accountStatePath + ".lock"
                try FileManager.default.createDirectory(
                    atPath: (lockPath as NSString).deletingLastPathComponent,
                    withIntermediateDirectories: true
                )
                let fd = open(lockPath, O_RDWR | O_CREAT, 0o600)
                defer { close(fd) }
                #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
                let result = try await fixture.run(["run", fixture.pipeline])
                #expect(result.status == 75, "\(result.stderr)")
                #expect(result.stderr.contains("account me of pipeline ops is being exported by another run"))
            }
        }

        @Test func throttlingLongerThanMaxWaitExits75() async throws {
            try await OpsFixture.with(faults: "throttle=every:1") { fixture in
                let result = try await fixture.run(["run", fixture.pipeline])
                #expect(result.status == 75, "\(result.stderr)")
            }
        }

        @Test func anExpiredTokenExits77WithoutShowingIt() async throws {
            try await OpsFixture.with(faults: "token_expiry=0") { fixture in
                let result = try await fixture.run(["run", fixture.pipeline])
                #expect(result.status == 77, "\(result.stderr)")
                #expect(result.stderr.contains("igexport token refresh"))
                #expect(!result.stderr.contains(fixture.token))
            }
        }

        @Test func aTokenFromTheEnvironmentCannotBeRefreshedAndExits78() async throws {
            try await OpsFixture.with { fixture in
                let result = try await fixture.run(["token", "refresh", fixture.pipeline])
                #expect(result.status == 78, "\(result.stderr)")
                #expect(result.stderr.contains("${env:T}"))
                #expect(result.stderr.contains("${file:"))
                #expect(!result.stderr.contains(fixture.token))
            }
        }
    }
}

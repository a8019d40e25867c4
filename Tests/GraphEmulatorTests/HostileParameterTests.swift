import Foundation
import TestSupport
import Testing

@testable import GraphEmulator

/// Request parameters at the edges of their integer types answer a Graph error; none may trap the server.
@Suite struct HostileParameterTests {
    @Test(arguments: [
        ("since=-9223372036854775808", "since"), ("until=-9223372036854775808", "until"),
        ("since=9223372036854775807", "since"), ("until=9223372036854775807", "until"),
        ("since=-9223372036854775808&until=9223372036854775807", "must be a unix timestamp"),
        ("since=253402300800", "since"), ("since=99999999999999999999", "since"),
    ])
    func anExtremeTimeAnswersCode100(query: String, name: String) async throws {
        try await withEmulator { server in
            let client = TestClient()
            for path in ["me/insights", "me/media"] {
                let response = client.get(server.url(path, "metric=reach&period=day&" + query))
                #expect(response.status == 400, "\(path)?\(query)")
                #expect(response.errorCode == 100)
                #expect((response.error?["message"] as? String)?.contains(name) == true)
            }
            #expect(client.get(server.url("me")).status == 200)
        }
    }

    @Test func theWidestTimeRangeStillAnswers() async throws {
        try await withEmulator { server in
            let response = TestClient().get(server.url("me/media", "since=-62135596800&until=253402300799"))
            #expect(response.status == 200)
        }
    }

    @Test func aWindowClampsLimitsAndCursorsBeyondTheEdge() {
        let bounds = 0...9
        #expect(
            EdgeWindow.page(bounds: bounds, limit: .max, after: nil, before: 3)
                == EdgeWindow(top: 9, bottom: 4, hasNext: true, hasPrevious: false)
        )
        #expect(EdgeWindow.page(bounds: bounds, limit: .max, after: nil, before: .max) == nil)
        #expect(
            EdgeWindow.page(bounds: bounds, limit: .max, after: .max, before: nil)
                == EdgeWindow(top: 9, bottom: 0, hasNext: false, hasPrevious: false)
        )
        #expect(EdgeWindow.page(bounds: bounds, limit: .max, after: .min, before: nil) == nil)
        #expect(EdgeWindow.page(bounds: bounds, limit: 3, after: nil, before: .min)?.top == 2)
    }

    @Test func aCursorIssuedBeforeTimeBeganHasExpired() async throws {
        let plan = try FaultPlan(parsing: "cursor_ttl=1h")
        try await withEmulator(EmulatorConfiguration(faults: plan)) { server in
            let key = SeededRandom.hash(EmulatorConfiguration().seed, 0x4B45_59)
            let parent = try #require(UInt64(server.accounts[0].id))
            let forged = PageCursor(edge: .media, parent: parent, position: 5, issuedAt: .min).encoded(key: key)
            let response = TestClient().get(server.url("me/media", "after=" + forged))
            #expect(response.errorCode == 100)
            #expect((response.error?["message"] as? String)?.contains("expired") == true)
        }
    }

    @Test func aSymlinkAtTheRequestLogIsRefusedAndItsTargetKept() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("log-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "precious\n".write(toFile: folder + "/victim", atomically: false, encoding: .utf8)
        #expect(symlink(folder + "/victim", folder + "/requests.log") == 0)
        await #expect(throws: EmulatorConfigurationError.self) {
            try await withEmulator(EmulatorConfiguration(requestLogPath: folder + "/requests.log")) { _ in }
        }
        #expect(try String(contentsOfFile: folder + "/victim", encoding: .utf8) == "precious\n")
    }
}

import Foundation
import TestSupport
import Testing

@testable import IGCore
@testable import IGOps

/// What the API answers to a refresh is checked before the working token is replaced.
@Suite struct TokenRefreshValidationTests {
    @Test(arguments: [
        #"{"access_token":"IGAA new","expires_in":5183944}"#,
        #"{"access_token":"IGAAnew\n","expires_in":5183944}"#,
        #"{"access_token":"IGAA\u0000new","expires_in":5183944}"#,
        #"{"access_token":"IGAA\u001b[2Jnew","expires_in":5183944}"#,
        #"{"access_token":"IGAAnéw","expires_in":5183944}"#,
        #"{"access_token":"   ","expires_in":5183944}"#,
        #"{"access_token":"","expires_in":5183944}"#,
        #"{"access_token":"\#(String(repeating: "A", count: 4097))","expires_in":5183944}"#,
        #"{"access_token":"IGAAnew","expires_in":-5}"#,
        #"{"access_token":"IGAAnew","expires_in":0}"#,
        #"{"access_token":"IGAAnew","expires_in":1e300}"#,
        #"{"access_token":"IGAAnew","expires_in":"5183944"}"#,
        #"{"access_token":"IGAAnew","expires_in":9223372036854775807}"#,
    ])
    func aBadAnswerIsBadDataAndTheOldTokenStays(answer: String) async throws {
        let server = try ScriptedServer([.json(answer)])
        let (file, folder) = try TokenRefreshTests.tokenFile("IGAAold")
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: file.path))

        let error = await #expect(throws: TokenError.self) {
            _ = try await TokenRefreshTests.refresher(api: server.url)
                .refresh(Secret(value: "IGAAold", source: "${file:\(file.path)}"), in: file)
        }
        #expect(error?.kind == .badResponse)
        #expect(error?.description.contains("the old token in \(file.path) is unchanged") == true)
        #expect(error?.description.contains("IGAAnew") == false)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == before)
        #expect(!FileManager.default.fileExists(atPath: TokenHistory.path(for: file.path)))
    }

    @Test func aSaneAnswerReplacesTheToken() async throws {
        let token = "IGAA" + String(repeating: "x", count: 4092)
        let server = try ScriptedServer([.json(#"{"access_token":"\#(token)","expires_in":5183944}"#)])
        let (file, folder) = try TokenRefreshTests.tokenFile("IGAAold")
        defer { try? FileManager.default.removeItem(at: folder) }
        let now = Date()

        let (refreshed, history) = try await TokenRefreshTests.refresher(api: server.url)
            .refresh(Secret(value: "IGAAold", source: "${file:\(file.path)}"), in: file, now: now)
        #expect(refreshed.value == token)
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == token + "\n")
        #expect(history.expiresAt == now.addingTimeInterval(5_183_944))
    }
}

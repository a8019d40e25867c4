import Foundation
import GraphEmulator
import Logging
import TestSupport
import Testing

@testable import IGCore
@testable import IGEngine
@testable import IGGraph
@testable import IGOps

@Suite struct TokenRefreshTests {
    static let day: TimeInterval = 86_400

    /// A token file holding `token`, in a fresh folder.
    static func tokenFile(_ token: String) throws -> (TokenFile, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("token").path
        try (token + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (TokenFile(path: path), folder)
    }

    static func refresher(api: String) throws -> TokenRefresher {
        var retry = RetryConfig()
        retry.maxAttempts = 1
        return TokenRefresher(
            http: try CurlClient(configuration: CurlClient.Configuration(version: "test", http: HTTPConfig())),
            api: api,
            retry: retry,
            logger: Logger(label: "test")
        )
    }

    @Test func aRefreshWritesTheNewTokenWithMode0600AndRecordsItsExpiry() async throws {
        try await withEmulator(EmulatorConfiguration()) { server in
            let old = server.accounts[0].token
            let (file, folder) = try Self.tokenFile(old)
            defer { try? FileManager.default.removeItem(at: folder) }
            let now = Date()

            let secret = Secret(value: old, source: "${file:\(file.path)}")
            let (token, history) = try await Self.refresher(api: server.baseURL).refresh(secret, in: file, now: now)

            let written = try String(contentsOfFile: file.path, encoding: .utf8).trimmingCharacters(in: .newlines)
            #expect(written == token.value)
            #expect(written != old)
            #expect(token.source == secret.source)
            let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let sidecarMode =
                try FileManager.default.attributesOfItem(atPath: TokenHistory.path(for: file.path))[
                    .posixPermissions
                ] as? Int
            #expect(sidecarMode == 0o600)
            #expect(abs(history.expiresAt.timeIntervalSince(now) - 5_183_944) < 1)
            let loaded = try #require(TokenHistory.load(for: file.path))
            #expect(abs(loaded.expiresAt.timeIntervalSince(history.expiresAt)) < 1)
            let sidecar = try String(contentsOfFile: TokenHistory.path(for: file.path), encoding: .utf8)
            #expect(!sidecar.contains(written))
        }
    }

    @Test func anExpiredTokenIsRefusedAndTheOldTokenStays() async throws {
        var configuration = EmulatorConfiguration()
        configuration.faults = try FaultPlan(parsing: "token_expiry=0")
        try await withEmulator(configuration) { server in
            let old = server.accounts[0].token
            let (file, folder) = try Self.tokenFile(old)
            defer { try? FileManager.default.removeItem(at: folder) }

            let error = await #expect(throws: TokenError.self) {
                _ = try await Self.refresher(api: server.baseURL).refresh(Secret(value: old, source: "f"), in: file)
            }
            guard case .refused(let cause)? = error?.kind else {
                Issue.record("expected the API's refusal, got \(String(describing: error))")
                return
            }
            #expect(cause.category == .auth)
            #expect(error?.description.contains("the old token is unchanged") == true)
            #expect(error?.description.contains(old) == false)
            #expect(try String(contentsOfFile: file.path, encoding: .utf8) == old + "\n")
            #expect(TokenHistory.load(for: file.path) == nil)
        }
    }

    @Test func anUnreachableAPILeavesTheOldTokenInPlace() async throws {
        let (file, folder) = try Self.tokenFile("IGAAunreachable")
        defer { try? FileManager.default.removeItem(at: folder) }
        await #expect(throws: TokenError.self) {
            _ = try await Self.refresher(api: "http://127.0.0.1:1").refresh(
                Secret(value: "IGAAunreachable", source: "f"),
                in: file
            )
        }
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "IGAAunreachable\n")
    }

    @Test func autoRefreshTouchesOnlyDueFileTokensAndKeepsTheOldOneOnFailure() async throws {
        try await withEmulator(EmulatorConfiguration()) { server in
            let old = server.accounts[0].token
            let (file, folder) = try Self.tokenFile(old)
            defer { try? FileManager.default.removeItem(at: folder) }
            let fileSecret = Secret(value: old, source: "${file:\(file.path)}")
            let source = ResolvedSource(
                baseURL: server.baseURL,
                apiVersion: "v23.0",
                accounts: [
                    ResolvedSource.Account(id: "me", token: fileSecret),
                    ResolvedSource.Account(id: "17841400000000009", token: Secret(value: "env", source: "${env:T}")),
                ]
            )
            let refresher = try Self.refresher(api: server.baseURL)

            let fresh = await refresher.refreshingDueTokens(in: source, auth: AuthConfig(), now: Date())
            #expect(fresh.accounts.map(\.token.value) == [old, "env"], "a token file written just now is not due")

            let later = await refresher.refreshingDueTokens(
                in: source,
                auth: AuthConfig(),
                now: Date().addingTimeInterval(2 * Self.day)
            )
            #expect(later.accounts[0].token.value != old)
            #expect(later.accounts[1].token.value == "env")

            let down = try Self.refresher(api: "http://127.0.0.1:1")
            let failed = await down.refreshingDueTokens(
                in: source,
                auth: AuthConfig(),
                now: Date().addingTimeInterval(59 * Self.day)
            )
            #expect(failed.accounts[0].token == fileSecret)
        }
    }

    @Test func aTokenIsDueWhenADayOldAndWithinRefreshBeforeOfItsExpiry() {
        let now = Date()
        let file = TokenFile(path: "/nonexistent")
        func status(refreshedDaysAgo days: Double) -> TokenStatus {
            let refreshed = now.addingTimeInterval(-days * Self.day)
            return TokenStatus(
                file: file,
                history: TokenHistory(
                    refreshedAt: refreshed,
                    expiresAt: refreshed.addingTimeInterval(60 * Self.day),
                    tokenFileModified: 0
                ),
                fileModified: refreshed
            )
        }
        let week = Duration.seconds(7 * 86_400)
        #expect(!status(refreshedDaysAgo: 0.5).needsRefresh(now: now, refreshBefore: week))
        #expect(!status(refreshedDaysAgo: 10).needsRefresh(now: now, refreshBefore: week))
        #expect(status(refreshedDaysAgo: 54).needsRefresh(now: now, refreshBefore: week))
        #expect(status(refreshedDaysAgo: 0.5).needsRefresh(now: now, refreshBefore: .seconds(60 * 86_400)) == false)
        #expect(status(refreshedDaysAgo: 2).needsRefresh(now: now, refreshBefore: .seconds(60 * 86_400)))

        let unknown = TokenStatus(file: file, history: nil, fileModified: now.addingTimeInterval(-2 * Self.day))
        #expect(unknown.needsRefresh(now: now, refreshBefore: week))
        #expect(unknown.report(now: now).first?.hasPrefix("age: unknown") == true)
        let young = TokenStatus(file: file, history: nil, fileModified: now.addingTimeInterval(-3_600))
        #expect(!young.needsRefresh(now: now, refreshBefore: week))
    }

    @Test func aHandReplacedTokenFileNoLongerMatchesItsHistory() throws {
        let (file, folder) = try Self.tokenFile("IGAAold")
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = try file.replace(with: "IGAAnew", expiresIn: 5_000_000, now: Date())
        #expect(TokenHistory.load(for: file.path)?.tokenFileModified == history.tokenFileModified)
        let modified = Date().addingTimeInterval(-3_600)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file.path)
        #expect(TokenHistory.load(for: file.path) == nil)
    }
}

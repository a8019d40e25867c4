import Foundation
import Testing

@testable import IGEngine

@Suite struct AccountsFileTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "igexport-accounts-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func onlyTheIncludedAccountsTokensAreRead() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "IGAAone\n".write(to: folder.appendingPathComponent("1"), atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("accounts.txt")
        try """
        # agency clients
        1 ${file:\(folder.path)/1}

        2 ${file:\(folder.path)/missing}
        3\t${env:THREE}
        """.write(to: file, atomically: true, encoding: .utf8)
        let accounts = AccountsFile(path: file.path)

        let some = try accounts.accounts(environment: ["THREE": "IGAAthree"]) { $0 != "2" }
        #expect(some.map(\.id) == ["1", "3"])
        #expect(some.map { $0.token?.value } == ["IGAAone", "IGAAthree"])
        #expect(some[0].token?.source == "${file:\(folder.path)/1}")
        #expect {
            try accounts.accounts(environment: ["THREE": "IGAAthree"])
        } throws: { error in
            let error = error as? ConfigError
            return error?.line == 4 && error?.message.contains("cannot read the token file") == true
        }
    }

    @Test(arguments: [
        ("1 ${env:A} extra", 1, "expected an account id and its token"),
        ("me ${env:A}\nalice ${env:A}", 2, "numeric Instagram user id"),
        ("1 ${env:A}\n1 ${env:A}", 2, "listed twice"),
        ("1 IGAAliteral", 1, "a literal token"),
    ])
    func aBadLineIsRefusedWithItsLineNumber(text: String, line: Int, message: String) throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("accounts.txt")
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect {
            try AccountsFile(path: file.path).accounts(environment: ["A": "IGAAa"])
        } throws: { error in
            let error = error as? ConfigError
            return error?.line == line && error?.message.contains(message) == true
                && error?.description.hasPrefix("\(file.path):\(line):1: source.accounts_file: ") == true
        }
    }

    @Test func aPipelineWithAnAccountsFileNeedsAccountInEveryPathAndNoAccountsList() throws {
        func parse(_ source: String, path: String) throws -> PipelineConfig {
            try PipelineConfig.parse(
                yaml: """
                    version: 1
                    name: many
                    source:
                    \(source)
                    extract: {media: {}}
                    load: [{ndjson: {path: "\(path)"}}]
                    """,
                file: "many.yaml",
                environment: [:]
            )
        }
        let config = try parse("  accounts_file: /nonexistent/accounts.txt", path: "out/{account}.ndjson")
        #expect(config.source.accountsFile == "/nonexistent/accounts.txt")
        #expect(throws: ConfigError.self) {
            try parse("  accounts_file: /nonexistent/accounts.txt", path: "out/media.ndjson")
        }
        #expect(throws: ConfigError.self) {
            try parse("  accounts_file: a.txt\n  accounts: [me]", path: "out/{account}.ndjson")
        }
    }
}

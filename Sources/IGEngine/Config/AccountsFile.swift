import Foundation
import IGCore

/// `source.accounts_file`: the accounts to export, one a line, for pipelines of hundreds or thousands of
/// accounts: `ID TOKEN`, where `ID` is `me` or a numeric user id and `TOKEN` is `${file:PATH}` or
/// `${env:NAME}`. Blank lines and lines starting with `#` are ignored.
///
/// It is read when a run starts, not when the pipeline is loaded, and only the tokens of the accounts the run
/// exports (its shard's) are read, so that a shard of a thousand-account file opens only its own token files.
public struct AccountsFile: Sendable {
    /// The file's path.
    public let path: String

    /// Creates the reader of the file at `path`.
    public init(path: String) {
        self.path = path
    }

    /// The accounts of the file for which `including` is true, each with its token resolved, in file order.
    ///
    /// - Throws: `ConfigError` (exit 78) naming the file and line: an unreadable file, a malformed line, an
    ///   account listed twice, or a token that cannot be read.
    public func accounts(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        including: (String) -> Bool = { _ in true }
    ) throws(ConfigError) -> [AccountConfig] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw error(line: 0, "cannot read the accounts file")
        }
        var seen: Set<String> = []
        var result: [AccountConfig] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard fields.count == 2 else {
                throw error(line: index + 1, "expected an account id and its token, such as `1784… ${file:PATH}`")
            }
            let id = fields[0]
            guard id == "me" || (!id.isEmpty && id.allSatisfy { $0.isASCII && $0.isNumber }) else {
                throw error(line: index + 1, "expected `me` or a numeric Instagram user id, not '\(id)'")
            }
            guard seen.insert(id).inserted else { throw error(line: index + 1, "account '\(id)' is listed twice") }
            guard including(id) else { continue }
            do {
                result.append(
                    AccountConfig(id: id, token: try SecretReference.resolve(fields[1], environment: environment))
                )
            } catch {
                throw self.error(line: index + 1, error.message)
            }
        }
        return result
    }

    private func error(line: Int, _ message: String) -> ConfigError {
        ConfigError(path: path, line: line, column: line == 0 ? 0 : 1, key: "source.accounts_file", message: message)
    }
}

import ArgumentParser
import IGCore
import IGEngine
import IGGraph
import IGOps

extension IGExportCommand {
    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a pipeline's token age and expiry, or refresh it.",
            discussion: """
                Long-lived Instagram tokens last 60 days from their issue or last refresh, and the API cannot tell \
                a token's expiry. igexport refreshes only tokens kept in a file (`token: ${file:PATH}`), writes \
                the new token over the old one (mode 0600) and records the refresh in PATH.meta, which is where \
                `token info` reads the age and expiry from. The token itself is never printed.
                """,
            subcommands: [Info.self, Refresh.self]
        )
    }
}

extension PipelineConfig {
    /// The pipeline's distinct tokens, each with the accounts that use it, in the order the file names them
    /// (the accounts file's, when there is one: each account's token file is refreshed on its own).
    func tokens() throws(ConfigError) -> [(token: Secret, accounts: [String])] {
        var result: [(token: Secret, accounts: [String])] = []
        for account in try ResolvedSource(source).accounts {
            let token = account.token
            if let index = result.firstIndex(where: { $0.token.source == token.source }) {
                result[index].accounts.append(account.id)
            } else {
                result.append((token, [account.id]))
            }
        }
        return result
    }
}

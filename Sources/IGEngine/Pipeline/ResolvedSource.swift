import IGCore
import IGGraph

/// The API a run talks to and the accounts it exports, with their tokens resolved.
///
/// The command line builds it from `source:`; for `api: emulator` it points at the emulator it started.
public struct ResolvedSource: Sendable {
    /// One account and the token that reads it.
    public struct Account: Sendable {
        /// `me` or a user id, as the pipeline names it; it keys the state and fills `{account}`.
        public var id: String
        public var token: Secret

        /// Creates an account.
        public init(id: String, token: Secret) {
            self.id = id
            self.token = token
        }
    }

    /// The base URL, such as `https://graph.instagram.com`.
    public var baseURL: String
    public var apiVersion: String
    public var accounts: [Account]

    /// Creates a resolved source.
    public init(baseURL: String, apiVersion: String, accounts: [Account]) {
        self.baseURL = baseURL
        self.apiVersion = apiVersion
        self.accounts = accounts
    }

    /// The source of a pipeline that talks to a real API (not the emulator), with the accounts for which
    /// `including` is true; an accounts file is read now, and only those accounts' tokens.
    ///
    /// - Throws: `ConfigError` when the accounts file cannot be used.
    public init(_ source: SourceConfig, including: (String) -> Bool = { _ in true }) throws(ConfigError) {
        let url: String
        switch source.api {
        case .url(let value): url = value
        case .emulator: url = ""
        }
        let accounts =
            try source.accountsFile.map { (path) throws(ConfigError) in
                try AccountsFile(path: path).accounts(including: including)
            } ?? source.accounts.filter { including($0.id) }
        self.init(
            baseURL: url,
            apiVersion: source.apiVersion,
            accounts: accounts.compactMap { account in
                (account.token ?? source.token).map { Account(id: account.id, token: $0) }
            }
        )
    }
}

import Foundation
import IGCore
import IGEngine
import IGGraph
import Logging

/// Refreshes long-lived tokens: `GET /refresh_access_token?grant_type=ig_refresh_token&access_token=…` on the
/// pipeline's API, then writes the new token over the file it came from.
///
/// A failure of any kind leaves the old token file as it was: the file is replaced only after the API answered
/// with a new token.
public struct TokenRefresher: Sendable {
    private let http: CurlClient
    private let api: String
    private let retry: RetryConfig
    let logger: Logger

    /// Creates a refresher for the API at `api` (such as `https://graph.instagram.com`).
    public init(http: CurlClient, api: String, retry: RetryConfig, logger: Logger) {
        self.http = http
        self.api = api
        self.retry = retry
        self.logger = logger
    }

    /// Refreshes `token`, which was read from `file`, and returns the new token's history.
    public func refresh(_ token: Secret, in file: TokenFile, now: Date = Date()) async throws(TokenError)
        -> (token: Secret, history: TokenHistory)
    {
        let client = GraphClient(http: http, api: api, apiVersion: "", token: token, retry: retry, logger: logger)
        let response: GraphResponse
        do {
            response = try await client.get("refresh_access_token", parameters: [("grant_type", "ig_refresh_token")])
        } catch {
            throw TokenError(
                .refused(error),
                message: "cannot refresh the token in \(file.path): \(error); the old token is unchanged"
            )
        }
        let (value, expiresIn) = try Self.validated(response.value, file: file)
        let history = try file.replace(with: value, expiresIn: expiresIn, now: now)
        logger.notice(
            "Refreshed the access token",
            metadata: ["token_file": "\(file.path)", "expires_at": "\(TokenStatus.timestamp(history.expiresAt))"]
        )
        return (Secret(value: value, source: token.source), history)
    }

    /// The longest token accepted: Instagram's are about 200 characters.
    static let maximumTokenLength = 4096
    /// The longest lifetime accepted, ten years: Instagram's long-lived tokens last 60 days.
    static let maximumExpiresIn = 10 * 365 * 86_400

    /// The new token and its lifetime in seconds from the API's answer, checked before the old token file is
    /// touched: a token the next run could not send (blank, with spaces or control characters, or huge) or a
    /// lifetime that is not a positive bounded number of seconds is bad data, and the old token stays.
    static func validated(_ answer: JSONValue, file: TokenFile) throws(TokenError) -> (token: String, expiresIn: Int) {
        func refuse(_ what: String) -> TokenError {
            TokenError(
                .badResponse,
                message: "the answer to refresh_access_token \(what); the old token in \(file.path) is unchanged"
            )
        }
        guard let object = answer.objectValue, let token = object["access_token"]?.stringValue, !token.isEmpty
        else { throw refuse("carries no access_token") }
        guard token.utf8.count <= maximumTokenLength else {
            throw refuse("carries an access_token of \(token.utf8.count) bytes, more than \(maximumTokenLength)")
        }
        // Printable ASCII only: the token goes into URLs and a one-line file, and is never shown to say why.
        guard token.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw refuse("carries an access_token with spaces, control or non-ASCII characters")
        }
        guard let expires = object["expires_in"] else { return (token, Int(TokenStatus.lifetime)) }
        guard let seconds = expires.intValue, (1...Int64(maximumExpiresIn)).contains(seconds) else {
            throw refuse("has an expires_in that is not a whole number of seconds from 1 to \(maximumExpiresIn)")
        }
        return (token, Int(seconds))
    }
}

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
        guard let object = response.value.objectValue, let value = object["access_token"]?.stringValue,
            !value.isEmpty
        else {
            throw TokenError(
                .badResponse,
                message:
                    "the answer to refresh_access_token carries no access_token; the old token in \(file.path) is unchanged"
            )
        }
        let expiresIn = object["expires_in"]?.intValue.map { Int($0) } ?? Int(TokenStatus.lifetime)
        let history = try file.replace(with: value, expiresIn: expiresIn, now: now)
        logger.notice(
            "Refreshed the access token",
            metadata: ["token_file": "\(file.path)", "expires_at": "\(TokenStatus.timestamp(history.expiresAt))"]
        )
        return (Secret(value: value, source: token.source), history)
    }
}

import Foundation
import IGCore
import IGEngine

extension TokenRefresher {
    /// `source` with each file-based token that is due (see `TokenStatus.needsRefresh`) refreshed, for a run
    /// with `source.auth.auto_refresh`.
    ///
    /// A token shared by several accounts is refreshed once. A refresh that fails is logged as an error and the
    /// run goes on with the old token, which is still in its file.
    public func refreshingDueTokens(in source: ResolvedSource, auth: AuthConfig, now: Date = Date()) async
        -> ResolvedSource
    {
        var result = source
        var settled: [String: Secret] = [:]
        for (index, account) in source.accounts.enumerated() {
            let token = account.token
            if let known = settled[token.source] {
                result.accounts[index].token = known
                continue
            }
            guard let file = TokenFile(token),
                TokenStatus(file: file).needsRefresh(now: now, refreshBefore: auth.refreshBefore)
            else { continue }
            do {
                let refreshed = try await refresh(token, in: file, now: now).token
                settled[token.source] = refreshed
                result.accounts[index].token = refreshed
            } catch {
                logger.error(
                    "Cannot refresh the access token; the run goes on with the old one",
                    metadata: ["token_file": "\(file.path)", "error": "\(error)"]
                )
                settled[token.source] = token
            }
        }
        return result
    }
}

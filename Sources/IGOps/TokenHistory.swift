import Foundation
import IGCore
import IGEngine

/// What igexport knows of a file-based token's age: the sidecar `<token file>.meta` (JSON, mode 0600) that it
/// writes each time it refreshes the token.
///
/// The Instagram API with Instagram Login has no endpoint that tells a token's expiry, and a long-lived token
/// lasts 60 days from its issue or last refresh. So igexport knows a token's age only from its own refreshes.
/// The sidecar also keeps the token file's modification time: when someone replaces the token by hand, the
/// times differ and the history no longer applies.
public struct TokenHistory: Codable, Sendable, Equatable {
    /// When igexport last refreshed the token.
    public var refreshedAt: Date
    /// When the refreshed token expires: `refreshedAt` plus the API's `expires_in`.
    public var expiresAt: Date
    /// The token file's modification time right after igexport wrote it (Unix seconds).
    public var tokenFileModified: Double

    /// Creates a history entry.
    public init(refreshedAt: Date, expiresAt: Date, tokenFileModified: Double) {
        self.refreshedAt = refreshedAt
        self.expiresAt = expiresAt
        self.tokenFileModified = tokenFileModified
    }

    /// The sidecar of the token file at `tokenPath`.
    public static func path(for tokenPath: String) -> String {
        tokenPath + ".meta"
    }

    /// The history of the token at `tokenPath`, or `nil` when there is none or it belongs to an earlier token.
    public static func load(for tokenPath: String) -> TokenHistory? {
        guard let data = FileManager.default.contents(atPath: path(for: tokenPath)),
            let history = try? decoder.decode(TokenHistory.self, from: data),
            let modified = TokenFile.modificationTime(tokenPath),
            abs(modified - history.tokenFileModified) < 0.001
        else { return nil }
        return history
    }

    /// Writes the sidecar of the token file at `tokenPath`, atomically, with mode 0600.
    func save(for tokenPath: String) throws(TokenError) {
        let sidecar = Self.path(for: tokenPath)
        do {
            try AtomicFile.write(try Self.encoder.encode(self), to: sidecar, mode: 0o600, sync: true)
        } catch let failure as AtomicFile.Failure {
            throw TokenError(.io, message: "cannot write \(sidecar): \(failure)")
        } catch {
            throw TokenError(.io, message: "cannot encode \(sidecar): \(error)")
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()
}

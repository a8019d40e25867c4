import Foundation
import IGCore
import IGEngine

/// A token kept in a file, as `token: ${file:PATH}` names it: the one kind of token igexport can refresh,
/// since it can write the new one back.
public struct TokenFile: Sendable, Equatable {
    /// The token file.
    public var path: String

    /// The file behind `secret`, or `nil` when the secret is not `${file:PATH}`.
    public init?(_ secret: Secret) {
        guard secret.source.hasPrefix("${file:"), secret.source.hasSuffix("}") else { return nil }
        path = String(secret.source.dropFirst("${file:".count).dropLast())
    }

    /// Creates a token file reference.
    public init(path: String) {
        self.path = path
    }

    /// Replaces the token with `token`, atomically and with mode 0600, then records `history` beside it.
    public func replace(with token: String, expiresIn: Int, now: Date) throws(TokenError) -> TokenHistory {
        do {
            try AtomicFile.write(Data((token + "\n").utf8), to: path, mode: 0o600, sync: true)
        } catch {
            throw TokenError(.io, message: "cannot write the token file \(path): \(error); the old token is unchanged")
        }
        let history = TokenHistory(
            refreshedAt: now,
            expiresAt: now.addingTimeInterval(TimeInterval(expiresIn)),
            tokenFileModified: Self.modificationTime(path) ?? 0
        )
        try history.save(for: path)
        return history
    }

    /// The file's modification time (Unix seconds), or `nil` when it cannot be read.
    static func modificationTime(_ path: String) -> Double? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970
    }
}

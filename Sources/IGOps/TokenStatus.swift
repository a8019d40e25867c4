import Foundation
import IGCore
import IGEngine
import IGGraph

/// How old a file-based token is and when it expires, as far as igexport can tell, and whether a run with
/// `source.auth.auto_refresh` should refresh it.
public struct TokenStatus: Sendable, Equatable {
    /// A long-lived Instagram token lasts 60 days from its issue or last refresh.
    public static let lifetime: TimeInterval = 60 * 86_400
    /// The API refreshes only tokens at least 24 hours old.
    public static let minimumAge: TimeInterval = 86_400

    /// The token file.
    public var file: TokenFile
    /// igexport's record of its last refresh, when it still describes the token in the file.
    public var history: TokenHistory?
    /// When the token file was last written; the token is at least that old.
    public var fileModified: Date?

    /// Reads the status of the token in `file`.
    public init(file: TokenFile) {
        self.file = file
        history = TokenHistory.load(for: file.path)
        fileModified = TokenFile.modificationTime(file.path).map { Date(timeIntervalSince1970: $0) }
    }

    /// Creates a status from known facts.
    public init(file: TokenFile, history: TokenHistory?, fileModified: Date?) {
        self.file = file
        self.history = history
        self.fileModified = fileModified
    }

    /// Whether a run should refresh the token now.
    ///
    /// With a history: when the token is at least 24 hours old and expires within `refreshBefore`. Without one
    /// the expiry is unknown, but the token is at least as old as its file: it is refreshed once the file is
    /// 24 hours old, which is harmless and makes its expiry known from then on.
    public func needsRefresh(now: Date, refreshBefore: Duration) -> Bool {
        if let history {
            return now.timeIntervalSince(history.refreshedAt) >= Self.minimumAge
                && history.expiresAt.timeIntervalSince(now) <= refreshBefore.seconds
        }
        guard let fileModified else { return false }
        return now.timeIntervalSince(fileModified) >= Self.minimumAge
    }

    /// A few lines for `igexport token info`: age and expiry, or why they are unknown. Never the token.
    public func report(now: Date) -> [String] {
        if let history {
            return [
                "refreshed by igexport: \(Self.timestamp(history.refreshedAt)) (\(Self.span(now.timeIntervalSince(history.refreshedAt))) ago)",
                expiryLine(history.expiresAt, now: now),
            ]
        }
        var lines = [
            "age: unknown: igexport has not refreshed this token, and the API cannot tell a token's expiry "
                + "(long-lived tokens last 60 days from their issue or last refresh)"
        ]
        if let fileModified {
            lines.append(
                "token file written: \(Self.timestamp(fileModified)) (\(Self.span(now.timeIntervalSince(fileModified))) ago); "
                    + "if the token was issued then, it expires \(Self.timestamp(fileModified.addingTimeInterval(Self.lifetime)))"
            )
        }
        lines.append("run `igexport token refresh PIPELINE` once to start tracking its expiry")
        return lines
    }

    private func expiryLine(_ expiry: Date, now: Date) -> String {
        let left = expiry.timeIntervalSince(now)
        let when = left >= 0 ? "in \(Self.span(left))" : "\(Self.span(-left)) ago: generate a new token"
        return "expires: \(Self.timestamp(expiry)) (\(when))"
    }

    /// RFC 3339 UTC, to the second.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// `3d 4h`, `5h 12m` or `40s`.
    static func span(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded())
        let (days, hours, minutes) = (total / 86_400, total % 86_400 / 3_600, total % 3_600 / 60)
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        return minutes > 0 ? "\(minutes)m" : "\(total)s"
    }
}

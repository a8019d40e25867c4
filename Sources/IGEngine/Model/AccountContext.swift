import IGCore
import IGGraph

/// The account a page was read for, as `normalize` stamps it on every record.
public struct AccountContext: Sendable, Equatable {
    /// The Instagram professional account id (the profile's `user_id`), written as `account_id`.
    public var accountID: String
    /// The account's username, written as `username` on records that lack one; `nil` writes `null`.
    public var username: String?

    /// Creates a context.
    public init(accountID: String, username: String?) {
        self.accountID = accountID
        self.username = username
    }

    /// Reads the context from a profile record: `user_id` (or `id` when absent) and `username`. Returns `nil`
    /// when the record has neither id.
    public init?(profile: Record) {
        let id = profile["user_id"] ?? profile["id"]
        switch id {
        case .string(let value)?: accountID = value
        case .int(let value)?: accountID = String(value)
        case .number(let digits)?: accountID = digits
        default: return nil
        }
        username = profile["username"]?.stringValue
    }
}

/// An account the emulator serves, with the token that reads it.
public struct EmulatedAccount: Sendable, Equatable {
    /// The IG professional account id (`user_id`, 17 digits), to use in `/{ig-user-id}/…` paths.
    public let id: String
    public let username: String
    /// A long-lived token (`IGAA…`), deterministic from the seed, different for each account.
    public let token: String

    public init(id: String, username: String, token: String) {
        self.id = id
        self.username = username
        self.token = token
    }
}

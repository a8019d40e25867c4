/// Every account and media the emulator serves. A value: requests read a snapshot, `publish` swaps in a new one.
struct Dataset: Sendable {
    var accounts: [AccountData]
    var locations: [String: MediaLocation]
    /// The emulator's "now" for generated data (stories, insights windows), fixed so that output is repeatable.
    let referenceTime: Int64

    func account(withID id: String) -> AccountData? {
        accounts.first { $0.userID == id || $0.appScopedID == id }
    }

    func media(at location: MediaLocation) -> MediaRecord {
        switch location {
        case .media(let account, let ordinal): accounts[account].media[ordinal]
        case .child(let account, let ordinal, let index): accounts[account].media[ordinal].children[index]
        case .story(let account, let index): accounts[account].stories[index]
        }
    }
}

/// Everything that changes while the emulator runs, kept behind one lock.
struct EmulatorState: Sendable {
    struct Admission {
        var account: Int
        /// Calls made with this very token, including this one.
        var tokenCalls: Int
        var allowed: Bool
        var usage: UsageReport
    }

    /// Without a configured limit, usage is reported against this budget and never enforced.
    static let nominalLimit = RateLimit(calls: 100_000, window: .seconds(3_600))

    var dataset: Dataset
    var sequence: UInt64 = 0
    var tokens: [String: Int]
    var generations: [Int]
    var tokenCalls: [String: Int] = [:]
    var windows: [CallWindow]

    init(dataset: Dataset) {
        self.dataset = dataset
        tokens = Dictionary(uniqueKeysWithValues: dataset.accounts.map { ($0.token, $0.index) })
        generations = Array(repeating: 1, count: dataset.accounts.count)
        windows = Array(repeating: CallWindow(), count: dataset.accounts.count)
    }

    /// Counts a call made with `token`; nil when the token is unknown.
    mutating func admit(token: String, now: Int64, limit: RateLimit?) -> Admission? {
        guard let account = tokens[token] else { return nil }
        tokenCalls[token, default: 0] += 1
        let budget = limit ?? Self.nominalLimit
        let (count, wait) = windows[account].record(now: now, window: budget.window.nanoseconds, budget: budget.calls)
        return Admission(
            account: account,
            tokenCalls: tokenCalls[token] ?? 0,
            allowed: limit == nil || count <= budget.calls,
            usage: UsageReport(calls: count, budget: budget.calls, regainMinutes: Int(wait / 60_000_000_000))
        )
    }

    /// A new token for the account, as a refresh or an exchange issues; earlier tokens stay valid.
    mutating func issueToken(account: Int, generator: DataGenerator) -> String {
        let token = generator.token(account: account, generation: generations[account])
        generations[account] += 1
        tokens[token] = account
        return token
    }

    /// Appends `count` media, newer than any before, to an account.
    mutating func publish(count: Int, account index: Int, generator: DataGenerator) {
        let account = dataset.accounts[index]
        let owner = DataGenerator.Identity(index: index, userID: account.userID, username: account.username)
        var previous = account.media.last?.timestamp ?? dataset.referenceTime
        for _ in 0..<count {
            let ordinal = dataset.accounts[index].media.count
            let timestamp = generator.publishedTimestamp(account: index, ordinal: ordinal, after: previous)
            let media = generator.makeMedia(owner, ordinal: ordinal, timestamp: timestamp)
            dataset.locations[media.id] = .media(account: index, ordinal: ordinal)
            for child in media.children.indices {
                dataset.locations[media.children[child].id] = .child(account: index, ordinal: ordinal, index: child)
            }
            dataset.accounts[index].media.append(media)
            previous = timestamp
        }
    }
}

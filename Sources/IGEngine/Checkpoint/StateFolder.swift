import Foundation
import IGCore

/// A pipeline's state folder (`checkpoint.path`): one state file and one lock per account, such as
/// `state/nightly/1784….json` and `state/nightly/1784….json.lock`.
///
/// Shards of a pipeline on shared storage each touch only the files of their own accounts, so they never
/// contend; an account that moves to another shard resumes there from its own file.
public struct StateFolder: Sendable {
    /// The folder.
    public let path: String

    /// Creates the folder of the state at `path`.
    public init(path: String) {
        self.path = path
    }

    /// The folder of `config`'s state.
    public init(_ config: PipelineConfig) {
        self.init(path: config.checkpoint.path)
    }

    /// The state file of `account`.
    public func statePath(account: String) -> String {
        PathName.join(path, Self.fileName(account: account) + ".json")
    }

    /// The store of `account`'s state file.
    public func store(account: String) -> StateStore {
        StateStore(path: statePath(account: account))
    }

    /// Takes the lock of `account` (`<state file>.lock`); throws at once when another run exports it.
    public func lock(account: String, pipeline: String, now: Date) throws(RunLockError) -> RunLock {
        try RunLock(pipeline: pipeline, account: account, statePath: statePath(account: account), now: now)
    }

    /// Every account's saved state, by the account's file, whichever shard wrote it; before the first run of
    /// this version, the single state file that `migrateLegacyState` would split.
    public func loadAll() throws(StateError) -> [RunState] {
        for legacy in [path, path + ".json"] where Self.isRegularFile(legacy) {
            if let state = try StateStore(path: legacy).load() { return [state] }
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
        var states: [RunState] = []
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            if let state = try StateStore(path: PathName.join(path, name)).load() { states.append(state) }
        }
        return states
    }

    /// Every account's state as one, for reports: the bookmarks of every account and, when any account has
    /// an unfinished run, the earliest such run with the stream positions of all of them; `nil` when no
    /// account has state.
    public func merged(pipeline: String) throws(StateError) -> RunState? {
        let states = try loadAll()
        guard !states.isEmpty else { return nil }
        var merged = RunState(pipeline: pipeline)
        for state in states {
            merged.bookmarks.merge(state.bookmarks) { $1 }
            guard let run = state.run else { continue }
            if var current = merged.run {
                current.streams.merge(run.streams) { $1 }
                merged.run = current
            } else {
                merged.run = run
            }
        }
        return merged
    }

    /// The file name that stands for `account`: the id itself when it is made of letters, digits, `_` and
    /// `-` (user ids and `me` are), else the id with every other byte as `%XX`, so that no id can name a
    /// folder, a hidden file or another account's file.
    static func fileName(account: String) -> String {
        var name = ""
        for byte in account.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                name.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                name += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return name.isEmpty ? "%" : name
    }
}

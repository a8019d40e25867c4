import IGCore

/// The output locks a run took before its first request, each waiting for the file that will be written
/// under it.
///
/// `OutputFile` otherwise takes its lock when a sink first writes to it, that is after the account's profile
/// and first page were fetched: a run refused there has already spent requests of the token's budget (and of a
/// scripted test server's answers) for pages it can never write. Shared by the copies of one `SinkContext`.
final class OutputReservations: Sendable {
    private let locks = Locked<[String: OutputLock]>([:])

    /// Whether the lock of the target `path` is held here.
    func holds(_ path: String) -> Bool {
        locks.withLock { $0[path] != nil }
    }

    /// Keeps `lock`, taken for the target `path`, until `take` hands it over or the run ends.
    func keep(_ lock: OutputLock, for path: String) {
        locks.withLock { $0[path] = lock }
    }

    /// The lock held for the target `path`, no longer held here.
    func take(_ path: String) -> OutputLock? {
        locks.withLock { $0.removeValue(forKey: path) }
    }
}

import Foundation
import IGCore

/// An exclusive lock on one account of a pipeline (or, for migrating an old state file, on the whole
/// pipeline) for the whole of a run: an `flock` on `<state>.lock`.
///
/// The kernel drops the lock when the process dies, however it dies, so a crash never leaves a stale lock.
/// The lock file records who holds it, so the refusal can say which process and since when.
public final class RunLock: Sendable {
    private let fd: Int32

    /// Takes the lock for `account` of `pipeline` (the whole pipeline when `account` is `nil`), whose state
    /// lives at `statePath`; throws at once when another run holds it, or waits for it with `wait`.
    public init(
        pipeline: String,
        account: String? = nil,
        statePath: String,
        now: Date = Date(),
        wait: Bool = false
    ) throws(RunLockError) {
        let path = statePath + ".lock"
        try? FileManager.default.createDirectory(atPath: PathName.folder(of: path), withIntermediateDirectories: true)
        let fd: Int32
        do {
            fd = try LockFile.open(path, mode: 0o600)
        } catch {
            let why =
                LockFile.isPlantedLink(error)
                ? "it is a link, and igexport never writes through one (its target was not touched); remove it"
                : "\(error)"
            throw RunLockError(pipeline: pipeline, message: "cannot open the lock file \(path): \(why)")
        }
        guard flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) == 0 else {
            let holder = LockFile.readHolder(fd)
            close(fd)
            let what = account.map { "account \($0) of pipeline \(pipeline) is being exported by another run" }
            throw RunLockError(
                pipeline: pipeline,
                account: account,
                message: (what ?? "pipeline \(pipeline) is already running") + (holder.map { " (\($0))" } ?? ""),
                isHeld: true
            )
        }
        let holder = "pid \(getpid()), since \(Date.ISO8601FormatStyle().format(now))"
        LockFile.writeHolder(fd, holder)
        self.fd = fd
    }

    deinit {
        close(fd)
    }
}

/// The pipeline is locked by another run (exit 75), or the lock file cannot be used.
public struct RunLockError: Error, Sendable, CustomStringConvertible {
    public var pipeline: String
    /// The account whose lock it is, `nil` for the pipeline's.
    public var account: String? = nil
    public var message: String
    /// Whether another process holds the lock (as opposed to the lock file being unusable).
    public var isHeld = false

    public var description: String { message }
}

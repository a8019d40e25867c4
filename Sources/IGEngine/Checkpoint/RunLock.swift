import Foundation

/// An exclusive lock on a pipeline for the whole of a run: an `flock` on `<state>.lock`.
///
/// The kernel drops the lock when the process dies, however it dies, so a crash never leaves a stale lock.
/// The lock file records who holds it, so the refusal can say which process and since when.
public final class RunLock: Sendable {
    private let fd: Int32

    /// Takes the lock for `pipeline`, whose state lives at `statePath`; throws at once when another run
    /// holds it.
    public init(pipeline: String, statePath: String, now: Date = Date()) throws(RunLockError) {
        let path = statePath + ".lock"
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
            atPath: folder.isEmpty ? "." : folder,
            withIntermediateDirectories: true
        )
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw RunLockError(pipeline: pipeline, message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.readHolder(fd)
            close(fd)
            throw RunLockError(
                pipeline: pipeline,
                message: "pipeline \(pipeline) is already running" + (holder.map { " (\($0))" } ?? ""),
                isHeld: true
            )
        }
        let holder = "pid \(getpid()), since \(Date.ISO8601FormatStyle().format(now))"
        _ = ftruncate(fd, 0)
        _ = holder.withCString { pwrite(fd, $0, strlen($0), 0) }
        self.fd = fd
    }

    deinit {
        close(fd)
    }

    private static func readHolder(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = pread(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}

/// The pipeline is locked by another run (exit 75), or the lock file cannot be used.
public struct RunLockError: Error, Sendable, CustomStringConvertible {
    public var pipeline: String
    public var message: String
    /// Whether another process holds the lock (as opposed to the lock file being unusable).
    public var isHeld = false

    public var description: String { message }
}

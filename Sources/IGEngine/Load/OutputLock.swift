import IGCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock on `.<name>.lock` beside an output file, held while a run writes that file.
///
/// The run lock keeps two runs of one pipeline apart; this keeps apart two pipelines that name the same output
/// path, which would otherwise share one partial file and publish a mix of both. The kernel drops the lock
/// when the process dies, so a crash never leaves it stale, and the file is left in place afterwards:
/// removing a lock file races with a run that has just opened it.
///
/// It is a POSIX record lock (`fcntl`), which a child process does not inherit: an `flock` would stay held by
/// any process spawned while the file was open until that child execs, so a lock just let go could still be
/// found taken. Record locks do not exclude within one process, so the paths this process holds are kept in
/// `held` as well.
final class OutputLock: Sendable {
    /// The lock file's path.
    let path: String
    private let descriptor: Int32
    /// The lock files this process holds, with their holder lines. A second descriptor must never be opened on
    /// one of them: closing it would let go of the record lock.
    private static let held = Locked<[String: String]>([:])

    /// Takes the lock of the output `target` for `owner` (a pipeline name, or empty); throws at once when
    /// another run holds it.
    init(path target: String, owner: String) throws(SinkError) {
        let (folder, name) = PathName.split(target)
        path = PathName.join(folder, "." + name + ".lock")
        let lockPath = path
        let holder = (owner.isEmpty ? "" : "pipeline \(owner), ") + "pid \(getpid())"
        let current = Self.held.withLock { held -> String? in
            if let current = held[lockPath] { return current }
            held[lockPath] = holder
            return nil
        }
        if let current { throw Self.taken(target, holder: current) }
        do {
            descriptor = try LockFile.open(path, mode: 0o644)
        } catch {
            Self.held.withLock { $0[lockPath] = nil }
            if LockFile.isPlantedLink(error) { throw OutputFile.symlinkRefused(path) }
            throw SinkError(
                .cannotCreate,
                path: path,
                message: "cannot open the output lock: \(error)",
                errno: error.code
            )
        }
        var record = flock()
        record.l_type = Int16(F_WRLCK)
        record.l_whence = Int16(SEEK_SET)
        guard fcntl(descriptor, F_SETLK, &record) == 0 else {
            let other = LockFile.readHolder(descriptor)
            close(descriptor)
            Self.held.withLock { $0[lockPath] = nil }
            throw Self.taken(target, holder: other)
        }
        LockFile.writeHolder(descriptor, holder)
    }

    private static func taken(_ target: String, holder: String?) -> SinkError {
        SinkError(
            .locked,
            path: target,
            message: "is being written by another run (\(holder ?? "holder unknown")); two pipelines must "
                + "not write the same output path: give one of them another path"
        )
    }

    deinit {
        close(descriptor)
        let lockPath = path
        Self.held.withLock { $0[lockPath] = nil }
    }
}

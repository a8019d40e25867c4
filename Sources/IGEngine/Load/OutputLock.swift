import IGCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on `.<name>.lock` beside an output file, held while a run writes that file.
///
/// The run lock keeps two runs of one pipeline apart; this keeps apart two pipelines that name the same output
/// path, which would otherwise share one partial file and publish a mix of both. The kernel drops the lock
/// when the process dies, so a crash never leaves it stale, and the file is left in place afterwards:
/// removing a lock file races with a run that has just opened it.
final class OutputLock {
    /// The lock file's path.
    let path: String
    private let descriptor: Int32

    /// Takes the lock of the output `target` for `owner` (a pipeline name, or empty); throws at once when
    /// another run holds it.
    init(path target: String, owner: String) throws(SinkError) {
        let (folder, name) = PathName.split(target)
        path = PathName.join(folder, "." + name + ".lock")
        do {
            descriptor = try LockFile.open(path, mode: 0o644)
        } catch {
            if LockFile.isPlantedLink(error) { throw OutputFile.symlinkRefused(path) }
            throw SinkError(
                .cannotCreate,
                path: path,
                message: "cannot open the output lock: \(error)",
                errno: error.code
            )
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = LockFile.readHolder(descriptor)
            close(descriptor)
            throw SinkError(
                .locked,
                path: target,
                message: "is being written by another run (\(holder ?? "holder unknown")); two pipelines must "
                    + "not write the same output path: give one of them another path"
            )
        }
        let holder = (owner.isEmpty ? "" : "pipeline \(owner), ") + "pid \(getpid())"
        LockFile.writeHolder(descriptor, holder)
    }

    deinit {
        close(descriptor)
    }
}

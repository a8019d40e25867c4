import Foundation

/// The file behind an `flock`: opened or created without ever following a link, and holding one line that
/// says who holds the lock, so that a refusal can name the other run.
package enum LockFile {
    /// Opens or creates the lock file at `path`. A symlink there fails with `ELOOP`, and a hard link (a
    /// regular file with more than one name) or anything but a regular file with `EMLINK`, before a byte of
    /// it is written: a link planted at a lock file must not have its target truncated.
    package static func open(_ path: String, mode: mode_t) throws(AtomicFile.Failure) -> Int32 {
        let descriptor = Foundation.open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw AtomicFile.Failure(call: "open \(path)", code: errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw AtomicFile.Failure(call: "stat \(path)", code: code)
        }
        guard status.st_mode & S_IFMT == S_IFREG, status.st_nlink == 1 else {
            close(descriptor)
            throw AtomicFile.Failure(call: "open \(path)", code: EMLINK)
        }
        return descriptor
    }

    /// Whether a failure of `open` means a link was planted at the path.
    package static func isPlantedLink(_ failure: AtomicFile.Failure) -> Bool {
        failure.code == ELOOP || failure.code == EMLINK
    }

    /// The holder line another process wrote, if any.
    package static func readHolder(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    /// Replaces the holder line, once the lock is taken.
    package static func writeHolder(_ descriptor: Int32, _ holder: String) {
        _ = ftruncate(descriptor, 0)
        _ = holder.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }
}

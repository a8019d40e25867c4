import Foundation

/// Whole-file replacement that a crash cannot leave half done: temporary file, fsync, rename, fsync folder.
///
/// The rename replaces whatever sits at the path, a symlink included, so a link planted at the target is
/// replaced by the new file and the file it pointed to is left alone.
package enum AtomicFile {
    /// An error with the failing call and `errno`'s text.
    package struct Failure: Error, CustomStringConvertible {
        package let call: String
        package let code: Int32
        package var description: String { "\(call): \(String(cString: strerror(code)))" }
    }

    package static func write(_ data: Data, to path: String, mode: mode_t, sync: Bool) throws(Failure) {
        let directory = PathName.folder(of: path)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(call: "mkdir \(directory)", code: errno == 0 ? EACCES : errno)
        }
        // A fresh name nobody can guess, created exclusively and never through a link: a symlink planted at a
        // predictable `STATE.tmp-PID` would otherwise have its target truncated and overwritten.
        let temporary = "\(path).tmp-\(String(UInt64.random(in: .min ... .max), radix: 36))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failure(call: "create \(temporary)", code: errno) }
        var failure: Failure?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = Failure(call: "write \(temporary)", code: errno)
                    return
                }
                offset += written
            }
        }
        if failure == nil, fchmod(fd, mode) != 0 { failure = Failure(call: "chmod \(temporary)", code: errno) }
        if failure == nil, sync, fsync(fd) != 0 { failure = Failure(call: "fsync \(temporary)", code: errno) }
        close(fd)
        if let failure {
            unlink(temporary)
            throw failure
        }
        CrashPoint.beforeRename.reach()
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure(call: "rename \(temporary)", code: code)
        }
        if sync { try syncFolder(directory) }
    }

    /// Makes a rename or a new file in `folder` durable.
    package static func syncFolder(_ folder: String) throws(Failure) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(call: "open \(folder)", code: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw Failure(call: "fsync \(folder)", code: errno) }
    }
}

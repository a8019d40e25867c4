import Foundation
import IGCore

/// The files an account's run renamed into the archive, noted in the state folder as each one lands, so that a
/// run killed before the page that named them committed takes them as they are instead of fetching them again.
///
/// A file is renamed into place only once checked and synced, so a noted file of the right size is complete. A
/// note lost in a crash (it is not synced) costs one download, never a wrong file; a fresh run starts a new list.
struct DownloadNotes: Sendable {
    /// The notes' file (`FilesOptions.note(of:_:)` of the account).
    let path: String

    /// The noted files that are still in the archive, whole, by `ArchivedFile.key`; forgets every note when the
    /// run is a fresh one (its predecessor completed, so the manifest lists all it downloaded).
    func take(resumed: Bool, naming: FileNaming) -> [String: ArchivedFile] {
        guard resumed, let data = FileManager.default.contents(atPath: path) else {
            unlink(path)
            return [:]
        }
        var result: [String: ArchivedFile] = [:]
        for entry in ArchivedFile.entries(in: [UInt8](data)) {
            var status = stat()
            guard lstat(naming.absolute(entry.path), &status) == 0, status.st_mode & S_IFMT == S_IFREG,
                UInt64(status.st_size) == entry.bytes
            else { continue }
            result[entry.key] = entry
        }
        return result
    }

    /// Notes a file just renamed into place; a failure to note is only a download more after a crash.
    func note(_ entry: ArchivedFile) {
        let folder = PathName.split(path).folder
        if access(folder, F_OK) != 0 {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var line: [UInt8] = []
        entry.encodeLine(into: &line)
        _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}

import IGCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One output file written through a partial file beside its target, and published by atomic rename.
///
/// Bytes go into a 64 KiB buffer and reach the partial file (`.<name>.partial` in the target's folder) when the
/// buffer fills or on `commit`, which returns the committed byte offset the checkpoint records. A resumed
/// run reopens the partial file, cuts it back to that offset and appends after it. `publish` fsyncs the file,
/// renames it onto the target and fsyncs the folder, so a loader sees either the old file or the whole new one.
///
/// A class, because it owns a file descriptor; it is used from one task at a time, like the sink that owns it.
public final class OutputFile {
    /// The path the file is published at.
    public let path: String
    /// The path written until `publish`.
    public let partialPath: String
    /// Bytes waiting for the next write; sinks encode straight into it through `write(_:)`.
    private var buffer: [UInt8] = []
    /// Bytes already in the partial file.
    private var written: UInt64
    private var descriptor: Int32
    private static let bufferSize = 64 * 1024

    /// The offset after every byte written so far, buffered ones included.
    public var offset: UInt64 { written + UInt64(buffer.count) }

    /// Creates the partial file for `path`, creating its folders, or reopens it to resume after
    /// `resumeOffset`: a missing partial file, or one shorter than the offset, is `SinkError.Kind.corrupt`.
    public init(path: String, resumeOffset: UInt64? = nil) throws(SinkError) {
        self.path = path
        partialPath = OutputFile.partialPath(for: path)
        buffer.reserveCapacity(OutputFile.bufferSize)
        if let resumeOffset {
            descriptor = open(partialPath, O_RDWR | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw SinkError(
                    .corrupt,
                    path: partialPath,
                    message: "cannot reopen the partial file to resume at byte \(resumeOffset): "
                        + OutputFile.describe(errno) + "; run with --fresh to start the output over",
                    errno: errno
                )
            }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else {
                let error = OutputFile.failure(.io, partialPath, "cannot read the size of the partial file")
                close(descriptor)
                throw error
            }
            guard UInt64(status.st_size) >= resumeOffset else {
                close(descriptor)
                throw SinkError(
                    .corrupt,
                    path: partialPath,
                    message: "the partial file has \(status.st_size) bytes but the checkpoint committed "
                        + "\(resumeOffset); run with --fresh to start the output over"
                )
            }
            // Every sink ends what it commits with a newline, so a committed offset that does not follow one
            // means the checkpoint and the file disagree: continuing would splice two records together.
            // A UTF-8 byte order mark alone (an Excel CSV with no header and no rows yet) is a boundary too.
            guard OutputFile.isRecordBoundary(descriptor, resumeOffset) else {
                close(descriptor)
                throw SinkError(
                    .corrupt,
                    path: partialPath,
                    message: "byte \(resumeOffset) of the partial file is not the end of a record; "
                        + "run with --fresh to start the output over"
                )
            }
            guard ftruncate(descriptor, off_t(resumeOffset)) == 0, lseek(descriptor, off_t(resumeOffset), SEEK_SET) >= 0
            else {
                let error = OutputFile.failure(.io, partialPath, "cannot cut the partial file back to \(resumeOffset)")
                close(descriptor)
                throw error
            }
            written = resumeOffset
        } else {
            try OutputFile.createFolders(OutputFile.split(path).folder)
            descriptor = open(partialPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw OutputFile.failure(.cannotCreate, partialPath, "cannot create the output file")
            }
            // The umask must not decide who can read an export.
            fchmod(descriptor, 0o644)
            written = 0
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Lets `encode` append bytes to the buffer, then writes the buffer out if it is full.
    public func write(_ encode: (inout [UInt8]) -> Void) throws(SinkError) {
        encode(&buffer)
        if buffer.count >= OutputFile.bufferSize { try flush() }
    }

    /// Appends bytes.
    public func write(_ bytes: some Sequence<UInt8>) throws(SinkError) {
        try write { $0.append(contentsOf: bytes) }
    }

    /// Appends a string's UTF-8 bytes.
    public func write(_ text: String) throws(SinkError) {
        try write(text.utf8)
    }

    /// Writes the buffer to the partial file.
    public func flush() throws(SinkError) {
        guard !buffer.isEmpty else { return }
        guard descriptor >= 0 else { throw SinkError(.io, path: partialPath, message: "the file is already closed") }
        var failed = false
        let done = buffer.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let count = systemWrite(descriptor, bytes.baseAddress! + done, bytes.count - done)
                if count < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    break
                }
                done += count
            }
            return done
        }
        // Bytes that reached the file count as written even when the rest failed, so `offset` stays the
        // file's true length and a later cut-back lands where the checkpoint says.
        written += UInt64(done)
        buffer.removeFirst(done)
        if failed { throw OutputFile.failure(.io, partialPath, "cannot write") }
    }

    /// Writes out the buffer, fsyncs the file when `sync` is true, and returns the committed offset.
    @discardableResult
    public func commit(sync: Bool) throws(SinkError) -> UInt64 {
        try flush()
        if sync { try fsyncFile() }
        return written
    }

    /// Writes out the buffer, fsyncs the file, renames it onto `path` and fsyncs the folder.
    public func publish() throws(SinkError) {
        try flush()
        try fsyncFile()
        close(descriptor)
        descriptor = -1
        guard rename(partialPath, path) == 0 else {
            throw OutputFile.failure(.io, path, "cannot rename \(partialPath) onto the output")
        }
        let folder = OutputFile.split(path).folder
        do {
            try AtomicFile.syncFolder(folder.isEmpty ? "." : folder)
        } catch {
            throw SinkError(.io, path: folder, message: "cannot sync the folder (\(error))", errno: error.code)
        }
    }

    /// Whether `offset` follows a newline, is 0, or follows nothing but a UTF-8 byte order mark.
    private static func isRecordBoundary(_ descriptor: Int32, _ offset: UInt64) -> Bool {
        guard offset > 0 else { return true }
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        var head = [UInt8](repeating: 0, count: 3)
        if offset == 3, pread(descriptor, &head, 3, 0) == 3, head == byteOrderMark { return true }
        var previous: UInt8 = 0
        return pread(descriptor, &previous, 1, off_t(offset - 1)) == 1 && previous == UInt8(ascii: "\n")
    }

    /// The partial file written for the target `path`: `.<name>.partial` in the same folder, so that the
    /// final rename never crosses file systems.
    public static func partialPath(for path: String) -> String {
        let (folder, name) = split(path)
        return (folder.isEmpty ? "" : folder + "/") + "." + name + ".partial"
    }

    /// Removes the partial files of these targets, if they exist: an interrupted run that is discarded.
    public static func discardPartials(of paths: [String]) throws(SinkError) {
        for path in paths {
            let partial = partialPath(for: path)
            guard unlink(partial) == 0 || errno == ENOENT else {
                throw failure(.io, partial, "cannot remove the partial file")
            }
        }
    }

    private func fsyncFile() throws(SinkError) {
        guard fsync(descriptor) == 0 else { throw OutputFile.failure(.io, partialPath, "cannot sync") }
    }

    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    private static func createFolders(_ folder: String) throws(SinkError) {
        guard !folder.isEmpty else { return }
        var current = folder.hasPrefix("/") ? "" : "."
        for part in folder.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw failure(.cannotCreate, current, "cannot create the output folder")
            }
        }
        var status = stat()
        guard stat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw SinkError(.cannotCreate, path: folder, message: "the output folder is not a folder")
        }
    }

    private static func failure(_ kind: SinkError.Kind, _ path: String, _ what: String) -> SinkError {
        let code = errno
        return SinkError(kind, path: path, message: "\(what): \(describe(code))", errno: code)
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// `write(2)`, which `OutputFile`'s own `write` methods would shadow.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

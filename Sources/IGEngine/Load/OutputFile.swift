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
/// A compressed file keeps what was written since the last commit in memory and writes it, on `commit`, as
/// one gzip member or zstd frame: every committed offset ends a member, so a file cut back to it is still
/// whole, and the same pages give the same bytes.
///
/// A class, because it owns a file descriptor; it is used from one task at a time, like the sink that owns it.
public final class OutputFile {
    /// The path the file is published at.
    public let path: String
    /// The path written until `publish`.
    public let partialPath: String
    /// How the bytes are compressed on their way to the file.
    public let compression: OutputCompression
    /// Bytes waiting for the next write; sinks encode straight into it through `write(_:)`.
    private var buffer: [UInt8] = []
    /// Bytes already in the partial file.
    private var written: UInt64
    private var descriptor: Int32
    /// Held from before the partial file is touched until it is published or abandoned.
    private var lock: OutputLock?
    private static let bufferSize = 64 * 1024

    /// The offset after every byte written so far, buffered ones included (uncompressed, for those): zero only
    /// while nothing at all was written.
    public var offset: UInt64 { written + UInt64(buffer.count) }

    /// The bytes the buffer holds room for: what the file keeps allocated while it waits for its next page.
    var bufferCapacity: Int { buffer.capacity }

    /// Creates the partial file for `path`, creating its folders, or reopens it to resume after
    /// `resumeOffset`: a missing partial file, or one shorter than the offset, is `SinkError.Kind.corrupt`.
    ///
    /// First takes the output lock of `path` for `owner` (a pipeline name), unless `lock` is that lock taken
    /// earlier: another run writing the same path is `SinkError.Kind.locked`. A symlink at the partial or lock
    /// file is `SinkError.Kind.cannotCreate` and its target is left alone.
    public convenience init(
        path: String,
        resumeOffset: UInt64? = nil,
        owner: String = "",
        compression: OutputCompression = .none
    ) throws(SinkError) {
        try self.init(path: path, resumeOffset: resumeOffset, owner: owner, compression: compression, lock: nil)
    }

    init(
        path: String,
        resumeOffset: UInt64?,
        owner: String,
        compression: OutputCompression,
        lock: OutputLock?
    ) throws(SinkError) {
        self.path = path
        self.compression = compression
        partialPath = OutputFile.partialPath(for: path)
        buffer.reserveCapacity(OutputFile.bufferSize)
        try OutputFile.createFolders(PathName.split(path).folder)
        if let lock {
            self.lock = lock
        } else {
            self.lock = try OutputLock(path: path, owner: owner)
        }
        if let resumeOffset {
            descriptor = open(partialPath, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else {
                if errno == ELOOP { throw OutputFile.symlinkRefused(partialPath) }
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
            guard OutputFile.isRecordBoundary(descriptor, resumeOffset, compression) else {
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
            descriptor = try OutputFile.createPartial(partialPath)
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
        if buffer.capacity == 0 { buffer.reserveCapacity(OutputFile.bufferSize) }
        encode(&buffer)
        if buffer.count >= OutputFile.bufferSize && compression == .none { try flush() }
    }

    /// Appends bytes.
    public func write(_ bytes: some Sequence<UInt8>) throws(SinkError) {
        try write { $0.append(contentsOf: bytes) }
    }

    /// Appends a string's UTF-8 bytes.
    public func write(_ text: String) throws(SinkError) {
        try write(text.utf8)
    }

    /// Writes the buffer to the partial file, as one member or frame when the file is compressed.
    public func flush() throws(SinkError) {
        guard !buffer.isEmpty else { return }
        guard descriptor >= 0 else { throw SinkError(.io, path: partialPath, message: "the file is already closed") }
        guard compression == .none else {
            guard let member = compression.compress(buffer) else {
                throw SinkError(
                    .io,
                    path: partialPath,
                    message: "cannot compress (\(compression.rawValue)): out of memory"
                )
            }
            let (done, failed) = OutputFile.writeAll(descriptor, member)
            written += UInt64(done)
            if failed { throw OutputFile.failure(.io, partialPath, "cannot write") }
            buffer.removeAll(keepingCapacity: true)
            return
        }
        let (done, failed) = OutputFile.writeAll(descriptor, buffer)
        // Bytes that reached the file count as written even when the rest failed, so `offset` stays the
        // file's true length and a later cut-back lands where the checkpoint says.
        written += UInt64(done)
        buffer.removeFirst(done)
        if failed { throw OutputFile.failure(.io, partialPath, "cannot write") }
    }

    /// Writes `bytes` to `descriptor`, retrying interrupted writes; returns how many reached it and whether a
    /// write failed.
    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> (done: Int, failed: Bool) {
        var failed = false
        let done = bytes.withUnsafeBytes { bytes in
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
        return (done, failed)
    }

    /// Writes out the buffer, fsyncs the file when `sync` is true, and returns the committed offset.
    @discardableResult
    public func commit(sync: Bool) throws(SinkError) -> UInt64 {
        try flush()
        // Between commits a file waits for its account's next page, and a page grows the buffer past
        // `bufferSize` (it is appended whole before the flush): kept, the buffers of every account's files held
        // 17 MB at 10 accounts with four writers. A committed file gives its buffer back; the next write
        // reserves it again.
        if buffer.isEmpty { buffer = [] }
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
        lock = nil
        let folder = PathName.split(path).folder
        do {
            try AtomicFile.syncFolder(folder.isEmpty ? "." : folder)
        } catch {
            throw SinkError(.io, path: folder, message: "cannot sync the folder (\(error))", errno: error.code)
        }
    }

    /// Whether `offset` follows a newline, is 0, or follows nothing but a UTF-8 byte order mark; in a compressed
    /// file, of the decompressed bytes, and only when the offset also ends a whole member or frame.
    private static func isRecordBoundary(_ descriptor: Int32, _ offset: UInt64, _ compression: OutputCompression)
        -> Bool
    {
        guard offset > 0 else { return true }
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        guard compression == .none else {
            // Reads the whole committed part once: only a resume pays for it, and nothing cheaper proves that the
            // offset falls between two members.
            var head: [UInt8] = []
            var last: UInt8?
            let whole = compression.read(descriptor, limit: offset) { chunk in
                if head.count < 3 { head += chunk.prefix(3 - head.count) }
                last = chunk.last ?? last
                return true
            }
            guard whole == true else { return false }
            return last == nil || last == UInt8(ascii: "\n") || head == byteOrderMark
        }
        var head = [UInt8](repeating: 0, count: 3)
        if offset == 3, pread(descriptor, &head, 3, 0) == 3, head == byteOrderMark { return true }
        var previous: UInt8 = 0
        return pread(descriptor, &previous, 1, off_t(offset - 1)) == 1 && previous == UInt8(ascii: "\n")
    }

    /// Reads the committed part of the partial file back, decompressed, handing it to `visit` chunk by chunk
    /// until it returns `false`; a resumed sink reads its own header so.
    public func readCommitted(_ visit: ([UInt8]) -> Bool) throws(SinkError) {
        let reader = open(partialPath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard reader >= 0 else {
            throw SinkError(.corrupt, path: partialPath, message: "cannot read the file back", errno: errno)
        }
        defer { close(reader) }
        guard compression.read(reader, limit: written, visit: visit) != nil else {
            throw SinkError(.corrupt, path: partialPath, message: "cannot read the file back: not valid \(compression)")
        }
    }

    /// The partial file written for the target `path`: `.<name>.partial` in the same folder, so that the
    /// final rename never crosses file systems.
    public static func partialPath(for path: String) -> String {
        let (folder, name) = PathName.split(path)
        return PathName.join(folder, "." + name + ".partial")
    }

    /// Removes the partial files of these targets, if they exist: an interrupted run that is discarded.
    /// A target another run is writing is `SinkError.Kind.locked`.
    public static func discardPartials(of paths: [String]) throws(SinkError) {
        for path in paths {
            // Under the output lock, so that a run discarding its partials never removes one that another
            // pipeline writing the same path has open.
            let partial = partialPath(for: path)
            let lock: OutputLock
            do {
                lock = try OutputLock(path: path, owner: "")
            } catch {
                // No folder, so no partial file to remove.
                if error.errno == ENOENT { continue }
                throw error
            }
            defer { withExtendedLifetime(lock) {} }
            guard unlink(partial) == 0 || errno == ENOENT else {
                throw failure(.io, partial, "cannot remove the partial file")
            }
        }
    }

    /// Creates a new partial file exclusively and never through a link. A stale partial file of a discarded run
    /// is unlinked first rather than truncated, so that a hard link planted there keeps its bytes too.
    private static func createPartial(_ partialPath: String) throws(SinkError) -> Int32 {
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        var descriptor = open(partialPath, flags, 0o644)
        if descriptor < 0, errno == EEXIST {
            var status = stat()
            if lstat(partialPath, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
                throw symlinkRefused(partialPath)
            }
            guard unlink(partialPath) == 0 || errno == ENOENT else {
                throw failure(.cannotCreate, partialPath, "cannot remove the stale partial file")
            }
            descriptor = open(partialPath, flags, 0o644)
        }
        guard descriptor >= 0 else {
            if errno == EEXIST || errno == ELOOP { throw symlinkRefused(partialPath) }
            throw failure(.cannotCreate, partialPath, "cannot create the output file")
        }
        return descriptor
    }

    /// The error for a link where igexport creates or reopens one of its own files.
    static func symlinkRefused(_ path: String) -> SinkError {
        SinkError(
            .cannotCreate,
            path: path,
            message: "is a link, and igexport never writes through one (its target was not touched); "
                + "remove it and run again",
            errno: ELOOP
        )
    }

    private func fsyncFile() throws(SinkError) {
        guard fsync(descriptor) == 0 else { throw OutputFile.failure(.io, partialPath, "cannot sync") }
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

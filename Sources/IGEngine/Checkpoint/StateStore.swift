import Foundation
import IGCore

/// Reads and atomically writes a pipeline's state file, and appends recorded pages to its journal.
///
/// A write goes to a temporary file beside the state (mode 0600), is fsynced, renamed over the state, and
/// the folder is fsynced: a crash at any instant leaves either the old state or the new one, never a mix.
/// Between two writes, each recorded page appends one line to the journal beside it (`<state>.journal`),
/// so a page costs a small append (and one `fdatasync` with `durability: page`) rather than re-encoding and
/// replacing the whole state. Reading applies the journal's complete lines to the state; a line cut short by a
/// crash was never recorded, and the next write of the state removes the journal.
public struct StateStore: Sendable {
    /// The state file.
    public let path: String

    /// The journal of pages recorded since the state file was last written.
    public var journalPath: String { path + ".journal" }

    /// Creates a store for the state file at `path`.
    public init(path: String) {
        self.path = path
    }

    /// The saved state, or `nil` when there is none.
    public func load() throws(StateError) -> RunState? {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw StateError(.io, path: path, message: "cannot read the state file")
            }
            return nil
        }
        var state: RunState
        do {
            state = try Self.decoder.decode(RunState.self, from: data)
        } catch {
            throw StateError(
                .corrupt,
                path: path,
                message: "the state file is not valid (\(error)); remove it or run with --fresh to start over"
            )
        }
        if var run = state.run {
            for entry in try journal() { run.apply(entry) }
            state.run = run
        }
        return state
    }

    /// The journal's complete entries, in order; the last line is ignored when a crash cut it short.
    private func journal() throws(StateError) -> [RunProgress.PageEntry] {
        guard let data = FileManager.default.contents(atPath: journalPath) else {
            // Taken as absent, an unreadable journal would lose its pages at the next rewrite of the state.
            if FileManager.default.fileExists(atPath: journalPath) {
                throw StateError(.io, path: journalPath, message: "cannot read the state's journal")
            }
            return []
        }
        var entries: [RunProgress.PageEntry] = []
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        lines.removeLast()
        for line in lines {
            do {
                entries.append(try Self.decoder.decode(RunProgress.PageEntry.self, from: Data(line)))
            } catch {
                throw StateError(
                    .corrupt,
                    path: journalPath,
                    message: "the state journal is not valid (\(error)); remove it and the state file, or run "
                        + "with --fresh to start over"
                )
            }
        }
        return entries
    }

    /// Appends `entry` to the journal, durably when `sync` is true; `creates` says the journal may not exist
    /// yet, so that its folder entry is made durable too.
    public func append(_ entry: RunProgress.PageEntry, sync: Bool, creates: Bool) throws(StateError) {
        var line: Data
        do {
            line = try Self.entryEncoder.encode(entry)
        } catch {
            throw StateError(.io, path: journalPath, message: "cannot encode the state (\(error))")
        }
        line.append(UInt8(ascii: "\n"))
        let descriptor = open(journalPath, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw journalError("cannot open") }
        defer { close(descriptor) }
        let written = line.withUnsafeBytes { bytes in
            // With the crash point armed, the line goes out in two halves and the process may die between them,
            // leaving a line cut short, which reading must ignore.
            guard CrashPoint.midAppend.isArmed else { return Self.writeAll(descriptor, bytes) }
            let half = bytes.count / 2
            guard Self.writeAll(descriptor, UnsafeRawBufferPointer(rebasing: bytes[..<half])) else { return false }
            CrashPoint.midAppend.reach()
            return Self.writeAll(descriptor, UnsafeRawBufferPointer(rebasing: bytes[half...]))
        }
        guard written else { throw journalError("cannot append to") }
        guard sync else { return }
        guard fdatasync(descriptor) == 0 else { throw journalError("cannot flush") }
        if creates {
            do {
                try AtomicFile.syncFolder(PathName.folder(of: journalPath))
            } catch {
                throw StateError(.io, path: journalPath, message: "cannot flush the state folder: \(error)")
            }
        }
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += count
        }
        return true
    }

    private func journalError(_ what: String) -> StateError {
        StateError(.io, path: journalPath, message: "\(what) the state journal: \(String(cString: strerror(errno)))")
    }

    /// Replaces the state file with `state`, atomically and durably when `sync` is true.
    public func save(_ state: RunState, sync: Bool = true) throws(StateError) {
        let data: Data
        do {
            data = try Self.encoder.encode(state)
        } catch {
            throw StateError(.io, path: path, message: "cannot encode the state (\(error))")
        }
        do {
            try AtomicFile.write(data, to: path, mode: 0o600, sync: sync)
        } catch {
            throw StateError(.io, path: path, message: "cannot write the state file: \(error)")
        }
        // The state now holds every entry of the journal (entries it already holds are skipped on reading, so
        // a crash before this unlink loses nothing).
        guard unlink(journalPath) == 0 || errno == ENOENT else { throw journalError("cannot remove") }
    }

    /// Forgets the bookmarks of `keys` (`account/stream`), or every bookmark when `keys` is `nil`, so that the
    /// next incremental run reads those streams in full; returns the keys removed, in order.
    public func resetBookmarks(_ keys: [String]?) throws(StateError) -> [String] {
        guard var state = try load() else { return [] }
        let removed = (keys ?? Array(state.bookmarks.keys)).filter { state.bookmarks[$0] != nil }.sorted()
        for key in removed { state.bookmarks[key] = nil }
        try save(state)
        return removed
    }

    /// Removes the state file and its journal, if any.
    public func remove() throws(StateError) {
        guard unlink(journalPath) == 0 || errno == ENOENT else { throw journalError("cannot remove") }
        guard unlink(path) == 0 || errno == ENOENT else {
            throw StateError(
                .io,
                path: path,
                message: "cannot remove the state file: \(String(cString: strerror(errno)))"
            )
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// Journal lines: compact, one per line.
    private static let entryEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

/// A state file that cannot be read, parsed or written.
public struct StateError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, which decides the exit code.
    public enum Kind: Sendable, Equatable {
        /// Reading or writing failed (exit 74).
        case io
        /// The file is not a state file igexport can use (exit 65).
        case corrupt
    }

    public var kind: Kind
    public var path: String
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

import Foundation
import IGCore

/// Reads and atomically writes a pipeline's state file.
///
/// A write goes to a temporary file beside the state (mode 0600), is fsynced, renamed over the state, and
/// the folder is fsynced: a crash at any instant leaves either the old state or the new one, never a mix.
public struct StateStore: Sendable {
    /// The state file.
    public let path: String

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
        do {
            return try Self.decoder.decode(RunState.self, from: data)
        } catch {
            throw StateError(
                .corrupt,
                path: path,
                message: "the state file is not valid (\(error)); remove it or run with --fresh to start over"
            )
        }
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

    /// Removes the state file, if any.
    public func remove() throws(StateError) {
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

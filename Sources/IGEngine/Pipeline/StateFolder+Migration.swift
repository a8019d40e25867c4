import Foundation
import IGCore
import Logging

extension StateFolder {
    /// Splits the single state file of an older igexport into one file per account, once: the file at the
    /// folder's own path, or at the old default `<folder>.json`. The old file is kept as `<file>.migrated`.
    ///
    /// It runs under the old pipeline lock (`<file>.lock`), waiting for it, so that a run of an older igexport
    /// finishes first and the shards of a new one migrate the file once between them. A file at the folder's
    /// path is split into `<folder>.migrating` and renamed into place after the old file has been moved aside;
    /// a crash at any step leaves either the old file (and the migration starts again) or everything needed
    /// to finish it.
    ///
    /// - Parameter fresh: a damaged old file is moved aside instead of stopping the run (`--fresh`).
    /// - Throws: `StateError` when the old file cannot be read (or is damaged, without `fresh`) or the new
    ///   files cannot be written; `RunLockError` when the old lock cannot be opened.
    public func migrateLegacyState(config: PipelineConfig, fresh: Bool, now: Date, logger: Logger) throws {
        let staging = path + ".migrating"
        if !Self.exists(path), Self.exists(staging), Self.exists(path + ".migrated") {
            try Self.rename(staging, to: path)
        }
        for legacy in [path, path + ".json"] where Self.isRegularFile(legacy) {
            let lock = try RunLock(pipeline: config.name, statePath: legacy, now: now, wait: true)
            defer { withExtendedLifetime(lock) {} }
            guard Self.isRegularFile(legacy) else { continue }
            let state: RunState?
            do {
                state = try StateStore(path: legacy).load()
            } catch {
                guard fresh, error.kind == .corrupt else { throw error }
                logger.warning("moving a damaged state file aside", metadata: ["error": "\(error)"])
                state = nil
            }
            // The old default path is only taken when it is this pipeline's: nobody asked for it by name.
            if legacy != path, let state, state.pipeline != config.name { continue }
            let target = legacy == path ? staging : path
            if legacy == path { try? FileManager.default.removeItem(atPath: staging) }
            do {
                try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            } catch {
                throw StateError(.io, path: target, message: "cannot create the state folder: \(error)")
            }
            let accounts = state.map { Self.split($0, config: config) } ?? [:]
            for (account, accountState) in accounts {
                try StateFolder(path: target).store(account: account).save(accountState, sync: true)
            }
            try Self.rename(legacy, to: legacy + ".migrated")
            if legacy == path { try Self.rename(staging, to: path) }
            logger.notice(
                "split the state file into one file per account",
                metadata: ["from": "\(legacy)", "to": "\(path)", "accounts": "\(accounts.keys.sorted())"]
            )
        }
    }

    /// One state per account of `state`: each account's bookmarks and stream positions, and of an unfinished
    /// run the outputs whose path names the account (by the pipeline's writers); outputs that name no account
    /// and the run's totals go to the first account, as a pipeline whose writers name no account has one.
    static func split(_ state: RunState, config: PipelineConfig) -> [String: RunState] {
        func account(of key: String) -> String {
            key.lastIndex(of: "/").map { String(key[..<$0]) } ?? key
        }
        var names = Set(state.bookmarks.keys.map(account(of:)))
        names.formUnion(state.run?.streams.keys.map(account(of:)) ?? [])
        let first = names.min() ?? config.source.accounts.first?.id ?? "me"
        names.insert(first)
        var result: [String: RunState] = [:]
        for name in names {
            var accountState = RunState(pipeline: state.pipeline)
            accountState.bookmarks = state.bookmarks.filter { account(of: $0.key) == name }
            if let run = state.run {
                var progress = RunProgress(id: run.id, startedAt: run.startedAt, date: run.date)
                progress.phase = run.phase
                progress.outputFingerprint = run.outputFingerprint
                progress.updatedAt = run.updatedAt
                progress.streams = run.streams.filter { account(of: $0.key) == name }
                if name == first {
                    progress.records = run.records
                    progress.pages = run.pages
                    progress.skipped = run.skipped
                }
                accountState.run = progress
            }
            result[name] = accountState
        }
        guard let run = state.run else { return result }
        let context = SinkContext(pipeline: state.pipeline, runID: run.id, date: run.date)
        for (output, offset) in run.outputs {
            let named = config.load.lazy.compactMap { PathTemplate($0.path).match(output, context: context)?.account }
                .first
            let owner = named.flatMap { names.contains($0) ? $0 : nil } ?? first
            result[owner]?.run?.outputs[output] = offset
        }
        return result
    }

    private static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    private static func rename(_ from: String, to: String) throws(StateError) {
        guard Foundation.rename(from, to) == 0 else {
            throw StateError(.io, path: from, message: "cannot rename to \(to): \(String(cString: strerror(errno)))")
        }
    }
}

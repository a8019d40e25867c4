import Foundation
import IGCore
import IGGraph

/// Owns the sinks and the state of a run, and commits pages: the one place where outputs and the checkpoint
/// move forward together.
///
/// A commit writes a batch (a media page with its insights and comments) to every sink that takes each
/// stream, flushes those sinks (fsync with `durability: page`), and then saves the state with the new
/// offsets and stream position. A crash before the state is saved leaves bytes past the committed offsets,
/// which the next run cuts off; a crash after it leaves a page that is wholly committed.
actor PageCommitter {
    private let sinks: [any Sink]
    private var state: RunState
    private let store: StateStore
    private let syncEveryPage: Bool
    private let transformer: Transformer
    private let progress: ProgressHandler?
    /// The first failure of a commit or publish. The sinks may then hold part of a batch that the state does
    /// not cover, so nothing may be committed after it: another account's commit would record those bytes.
    private var failure: (any Error)?

    init(
        config: PipelineConfig,
        state: RunState,
        context: SinkContext,
        transformer: Transformer,
        progress: ProgressHandler? = nil
    ) throws(SinkError) {
        var sinks: [any Sink] = []
        for sink in config.load {
            sinks.append(try makeSink(sink, context: context))
        }
        self.sinks = sinks
        self.state = state
        self.store = StateStore(path: config.checkpoint.path)
        self.syncEveryPage = config.checkpoint.durability == .page
        self.transformer = transformer
        self.progress = progress
    }

    /// The saved position of an account's stream.
    func streamState(_ key: String) -> StreamState? {
        state.run?.streams[key]
    }

    /// Writes a batch of pages for `account`, then saves `key`'s stream state as `update` leaves it.
    func commit(
        _ pages: [Page],
        account: AccountContext,
        key: String,
        update: @Sendable (inout StreamState) -> Void
    ) throws {
        try failStop { try commitBatch(pages, account: account, key: key, update: update) }
    }

    private func commitBatch(
        _ pages: [Page],
        account: AccountContext,
        key: String,
        update: (inout StreamState) -> Void
    ) throws {
        guard var run = state.run else { return }
        var written: [Int] = []
        for page in pages {
            let transformed = transformer.apply(page, account: account)
            run.records[page.stream.rawValue, default: 0] += transformed.records.count
            for (index, sink) in sinks.enumerated() where sink.config.streams.contains(page.stream) {
                try sink.write(transformed)
                if !written.contains(index) { written.append(index) }
            }
        }
        for index in written {
            for (path, offset) in try sinks[index].commit(sync: syncEveryPage) {
                run.outputs[path] = offset
            }
        }
        var stream = run.streams[key] ?? StreamState()
        update(&stream)
        run.streams[key] = stream
        run.pages += 1
        run.updatedAt = Date()
        state.run = run
        try store.save(state, sync: syncEveryPage)
        if let progress {
            for page in pages {
                progress(.page(account: page.account, stream: page.stream, records: page.records.count))
            }
        }
    }

    /// Marks the run as publishing, completes and renames every output, and stores the bookmarks; the state
    /// then holds no run. Returns the published paths and the run's totals.
    func publish(now: Date) throws -> (published: [String], records: [StreamKind: Int], pages: Int) {
        try failStop { try publishOutputs(now: now) }
    }

    /// Runs `body`, and after its first failure refuses to run anything else.
    private func failStop<Result>(_ body: () throws -> Result) throws -> Result {
        if let failure { throw failure }
        do {
            return try body()
        } catch {
            failure = error
            throw error
        }
    }

    private func publishOutputs(now: Date) throws -> (published: [String], records: [StreamKind: Int], pages: Int) {
        guard var run = state.run else { return ([], [:], 0) }
        if run.phase != .publishing {
            for sink in sinks {
                for (path, offset) in try sink.commit(sync: true) {
                    run.outputs[path] = offset
                }
            }
            run.phase = .publishing
            state.run = run
            try store.save(state, sync: true)
        }
        var published: [String] = []
        for sink in sinks {
            published += try sink.finish()
            CrashPoint.betweenPublishes.reach()
        }
        for (key, stream) in run.streams {
            let previous = state.bookmarks[key]?.newestTimestamp
            state.bookmarks[key] = Bookmark(
                newestTimestamp: newest(stream.newestTimestamp, previous),
                completedAt: now,
                runID: run.id,
                records: stream.records
            )
        }
        state.run = nil
        try store.save(state, sync: true)
        var records: [StreamKind: Int] = [:]
        for (name, count) in run.records {
            if let kind = StreamKind(rawValue: name) { records[kind] = count }
        }
        return (published, records, run.pages)
    }

    private func newest(_ a: String?, _ b: String?) -> String? {
        guard let a else { return b }
        guard let b else { return a }
        let secondsA = Timestamp(parsing: a)?.seconds ?? 0
        let secondsB = Timestamp(parsing: b)?.seconds ?? 0
        return secondsA >= secondsB ? a : b
    }
}

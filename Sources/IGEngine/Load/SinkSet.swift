import Foundation
import IGCore

/// Every sink of a run: routes each page to the sinks that take its stream, flushes what was written, reports
/// the committed byte offsets, and publishes every file at the end.
///
/// It is used from one task at a time (the committer's). A resumed run's partial files are reopened at their
/// committed offsets when the set is made; see `context(…)` for a run that died while publishing.
public final class SinkSet {
    private let sinks: [any Sink]
    private let context: SinkContext
    /// The indices of the sinks written since the last commit.
    private var written: Set<Int> = []

    /// Creates the sinks of `configs` for the run that `context` describes.
    public init(_ configs: [SinkConfig], context: SinkContext) throws(SinkError) {
        var sinks: [any Sink] = []
        for config in configs {
            sinks.append(try makeSink(config, context: context))
        }
        self.sinks = sinks
        self.context = context
    }

    /// Takes, before `account` makes its first request, the output lock of every file its `streams` will write:
    /// another run writing one of them is `SinkError.Kind.locked` now rather than at the first page, when the
    /// profile and a page would already have been fetched for nothing. Each lock goes to its file when the file
    /// is opened.
    ///
    /// A path that a record's date picks is known only from the record, and a folder that does not exist yet
    /// holds no other run's file: those files take their lock when first written, as before.
    public func reserveOutputs(account: String, streams: [StreamKind]) throws(SinkError) {
        for sink in sinks {
            let template = PathTemplate(sink.config.path)
            guard !template.isPerRecordDate else { continue }
            for stream in streams where sink.config.accepts(stream) {
                let path = template.resolve(stream: stream, account: account, context: context)
                guard context.resumeOffsets[path] == nil, !context.published.contains(path),
                    !context.reservations.holds(path), Self.isFolder(PathName.split(path).folder)
                else { continue }
                context.reservations.keep(try OutputLock(path: path, owner: context.pipeline), for: path)
            }
        }
    }

    private static func isFolder(_ folder: String) -> Bool {
        var status = stat()
        return stat(folder.isEmpty ? "." : folder, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    /// The sinks' view of a run. A run that died while publishing has published some outputs already: those
    /// whose partial file is gone and whose target was written during this run (a rename keeps the partial's
    /// modification time). The others are reopened at their committed offsets and published again; a partial
    /// that vanished otherwise (a cleaner, a hand) is left for `OutputFile` to report rather than taken as done.
    public static func context(
        pipeline: String,
        runID: String,
        date: String,
        committed: [String: UInt64],
        publishing: Bool,
        startedAt: Date,
        statistics: [String: OutputStats] = [:]
    ) -> SinkContext {
        var offsets = committed
        var published: Set<String> = []
        if publishing {
            for path in committed.keys where access(OutputFile.partialPath(for: path), F_OK) != 0 {
                var status = stat()
                guard stat(path, &status) == 0,
                    TimeInterval(status.st_mtim.tv_sec) >= startedAt.timeIntervalSince1970.rounded(.down)
                else { continue }
                offsets[path] = nil
                published.insert(path)
            }
        }
        return SinkContext(
            pipeline: pipeline,
            runID: runID,
            date: date,
            resumeOffsets: offsets,
            published: published,
            resumeStatistics: statistics
        )
    }

    /// Removes the partial files of an interrupted run that is being discarded (`--fresh`).
    public static func discard(_ targets: [String]) throws(SinkError) {
        try OutputFile.discardPartials(of: targets)
    }

    /// Writes each page to every sink that takes its stream.
    public func write(_ pages: [Page]) throws(SinkError) {
        for page in pages {
            for (index, sink) in sinks.enumerated() where sink.config.accepts(page.stream) {
                try sink.write(page)
                written.insert(index)
            }
        }
    }

    /// Flushes the sinks written since the last commit (every sink with `all`), fsyncing them when `sync` is
    /// true, and returns the committed byte offset of each of their partial files, by target path.
    public func commit(sync: Bool, all: Bool = false) throws(SinkError) -> [String: UInt64] {
        var offsets: [String: UInt64] = [:]
        for index in sinks.indices where all || written.contains(index) {
            offsets.merge(try sinks[index].commit(sync: sync)) { $1 }
        }
        written = []
        return offsets
    }

    /// What every file opened so far holds, by target path.
    public var statistics: [String: OutputStats] {
        var result: [String: OutputStats] = [:]
        for sink in sinks { result.merge(sink.statistics) { $1 } }
        return result
    }

    /// The published files that list other published files (see `Sink.listings`).
    public var listings: Set<String> {
        Set(sinks.flatMap(\.listings))
    }

    /// Completes and publishes every file by atomic rename, sink after sink; returns the published paths.
    public func publish() throws(SinkError) -> [String] {
        var published: [String] = []
        for sink in sinks {
            published += try sink.finish()
            CrashPoint.betweenPublishes.reach()
        }
        return published
    }
}

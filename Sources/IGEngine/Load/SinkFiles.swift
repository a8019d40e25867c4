import IGCore
import IGGraph

/// The files of one sink: one per stream and account when the path template names them, else one.
///
/// Opens each file on first use (resuming it when the checkpoint has an offset for its path), keeps them in
/// the order they were opened so that `commit` and `finish` are deterministic, and reopens at start-up every
/// partial file of a resumed run, so that a file whose stream finished before the interruption is still
/// completed and published.
final class SinkFiles {
    let config: SinkConfig
    let context: SinkContext
    let template: PathTemplate
    private(set) var files: [OutputFile] = []
    private var byPath: [String: OutputFile] = [:]
    /// What each file holds, counted as records are routed to it (and carried over from the journal on resume).
    private(set) var stats: [String: OutputStats] = [:]

    init(config: SinkConfig, context: SinkContext) throws(SinkError) {
        self.config = config
        self.context = context
        template = PathTemplate(config.path)
        for path in context.resumeOffsets.keys.sorted() where template.match(path, context: context) != nil {
            _ = try file(at: path)
        }
    }

    /// The file for `stream` of `account`, opened or resumed on first use.
    func file(stream: StreamKind, account: String) throws(SinkError) -> OutputFile {
        let file = try file(at: template.resolve(stream: stream, account: account, context: context))
        if stats[file.path]?.stream == nil { stats[file.path]?.stream = stream.rawValue }
        return file
    }

    /// The records of `page` by the file each goes to, in the order the files first appear, counted into the
    /// files' statistics. A template without a record date sends the whole page (even an empty one) to one file.
    func route(_ page: Page) throws(SinkError) -> [(file: OutputFile, records: [Record])] {
        var groups: [(file: OutputFile, records: [Record])] = []
        if !template.isPerRecordDate {
            groups = [(try file(stream: page.stream, account: page.account), page.records)]
        } else {
            var indexByPath: [String: Int] = [:]
            for record in page.records {
                let date = record.ownTimestamp.map { String($0.rfc3339.prefix(10)) }
                let path = template.resolve(
                    stream: page.stream,
                    account: page.account,
                    context: context,
                    recordDate: date
                )
                if let index = indexByPath[path] {
                    groups[index].records.append(record)
                } else {
                    let file = try file(at: path)
                    if stats[path]?.stream == nil { stats[path]?.stream = page.stream.rawValue }
                    indexByPath[path] = groups.count
                    groups.append((file, [record]))
                }
            }
        }
        for group in groups {
            for record in group.records { stats[group.file.path]?.add(record) }
        }
        return groups
    }

    /// The file at `path`, opened or resumed on first use.
    func file(at path: String) throws(SinkError) -> OutputFile {
        if let file = byPath[path] { return file }
        let file = try OutputFile(
            path: path,
            resumeOffset: context.resumeOffsets[path],
            owner: context.pipeline,
            compression: config.compression,
            lock: context.reservations.take(path)
        )
        files.append(file)
        byPath[path] = file
        stats[path] = context.resumeStatistics[path] ?? OutputStats(compression: config.compression)
        return file
    }

    /// The one file of a template that names neither stream nor account, when no page opened it: a run with
    /// no records still publishes an empty but complete document.
    func fileForEmptyRun(stream: StreamKind) throws(SinkError) -> OutputFile? {
        guard files.isEmpty, !template.isPerStreamOrAccount else { return nil }
        let path = template.resolve(stream: stream, account: "", context: context)
        guard !context.published.contains(path) else { return nil }
        return try file(at: path)
    }

    /// Flushes every file and returns the committed offsets by target path.
    func commit(sync: Bool) throws(SinkError) -> [String: UInt64] {
        var offsets: [String: UInt64] = [:]
        for file in files {
            offsets[file.path] = try file.commit(sync: sync)
        }
        return offsets
    }

    /// Publishes every file, after `complete` has written its end, and returns the published paths.
    func finish(_ complete: (OutputFile) throws(SinkError) -> Void) throws(SinkError) -> [String] {
        for file in files {
            try complete(file)
            try file.publish()
        }
        return files.map(\.path)
    }
}

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
        try file(at: template.resolve(stream: stream, account: account, context: context))
    }

    /// The file at `path`, opened or resumed on first use.
    func file(at path: String) throws(SinkError) -> OutputFile {
        if let file = byPath[path] { return file }
        let file = try OutputFile(
            path: path,
            resumeOffset: context.resumeOffsets[path],
            owner: context.pipeline,
            compression: config.compression
        )
        files.append(file)
        byPath[path] = file
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

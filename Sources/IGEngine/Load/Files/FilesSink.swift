import Foundation
import IGCore

/// The `files` writer's own output: the archive's manifest, one NDJSON line per file downloaded, written
/// through `OutputFile` like every other output, so that the page that named a file commits its line and a
/// resumed run cuts off the lines of pages it did not commit.
///
/// The manifest lists the whole archive: a run that opens it anew starts with the lines of the manifest the
/// last run published, then adds its own. `finish` publishes it, and returns it with the files this run
/// added, so that whatever takes the run's published files (a manifest, an upload) sees them too.
final class FilesSink: Sink {
    let config: SinkConfig
    private let context: SinkContext
    private let template: PathTemplate
    private var file: OutputFile?
    /// The manifest an interrupted run published before it died: its files may not all have reached the uploader.
    private var republished: String?

    init(config: SinkConfig, context: SinkContext) throws(SinkError) {
        self.config = config
        self.context = context
        template = PathTemplate(config.path)
        for path in context.resumeOffsets.keys.sorted() where template.match(path, context: context) != nil {
            file = try open(path)
        }
        republished = context.published.sorted().first { template.match($0, context: context) != nil }
    }

    func write(_ page: Page) throws(SinkError) {
        guard config.accepts(page.stream) else { return }
        let file = try manifest(account: page.account)
        for entry in page.archived {
            try file.write { entry.encodeLine(into: &$0) }
        }
    }

    func commit(sync: Bool) throws(SinkError) -> [String: UInt64] {
        guard let file else { return [:] }
        return [file.path: try file.commit(sync: sync)]
    }

    func finish() throws(SinkError) -> [String] {
        guard let file else {
            guard let republished else { return [] }
            listings = [republished]
            return [republished] + (added(by: republished) ?? everyFile(in: republished))
        }
        // A new manifest starts with the published one's lines, which the output lock kept unchanged since.
        let carried = Self.lines(of: file.path).count
        var written: [UInt8] = []
        try file.readCommitted { chunk in
            written += chunk
            return true
        }
        let naming = FileNaming(options: config.files)
        var added: [String] = []
        var seen: Set<String> = []
        for line in written.split(separator: UInt8(ascii: "\n")).dropFirst(carried) {
            guard let entry = ArchivedFile(line: line), seen.insert(entry.path).inserted else { continue }
            added.append(naming.absolute(entry.path))
        }
        added.sort()
        try record(added, by: file.path)
        try file.publish()
        listings = [file.path]
        return [file.path] + added
    }

    /// The manifest, once published: it lists the files, so it is uploaded after them.
    private(set) var listings: [String] = []

    /// Saves in the state folder, before the manifest is published, which files this run added: a run that dies
    /// after publishing it hands exactly these on again, and not the whole archive.
    private func record(_ added: [String], by manifest: String) throws(SinkError) {
        let path = notePath(manifest)
        do {
            try AtomicFile.write(Data(added.map { $0 + "\n" }.joined().utf8), to: path, mode: 0o600, sync: true)
        } catch {
            throw SinkError(.io, path: path, message: "cannot write (\(error))")
        }
    }

    /// The files the run that published `manifest` added, as it noted them; nil when it did not.
    private func added(by manifest: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: notePath(manifest)) else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The note of `manifest` (one writer has a manifest per account).
    private func notePath(_ manifest: String) -> String {
        config.files.note(of: manifest, "added")
    }

    /// Every file `manifest` lists: what a run that died after publishing it added is not known otherwise, and an
    /// upload skips those its ledger already holds with the same digest.
    private func everyFile(in manifest: String) -> [String] {
        let naming = FileNaming(options: config.files)
        let listed = ArchivedFile.entries(in: Self.lines(of: manifest).flatMap { $0 + [UInt8(ascii: "\n")] })
        return Set(listed.map { naming.absolute($0.path) }).sorted()
    }

    /// The manifest, opened on first use; a new one starts with the published manifest's lines.
    private func manifest(account: String) throws(SinkError) -> OutputFile {
        if let file { return file }
        let path = template.resolve(stream: .media, account: account, context: context)
        let file = try open(path)
        if context.resumeOffsets[path] == nil {
            for line in Self.lines(of: path) {
                try file.write { $0 += line + [UInt8(ascii: "\n")] }
            }
        }
        self.file = file
        return file
    }

    private func open(_ path: String) throws(SinkError) -> OutputFile {
        try OutputFile(
            path: path,
            resumeOffset: context.resumeOffsets[path],
            owner: context.pipeline,
            compression: .none,
            lock: context.reservations.take(path)
        )
    }

    /// The whole lines of the published manifest at `path` (none when there is none).
    static func lines(of path: String) -> [[UInt8]] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let bytes = [UInt8](data)
        let whole = bytes.lastIndex(of: UInt8(ascii: "\n")).map { bytes[...$0] } ?? []
        return whole.split(separator: UInt8(ascii: "\n")).map(Array.init)
    }

    /// What the archive of `config` holds for `account` when a run starts: the published manifest's entries,
    /// then those the interrupted run committed (up to `committed`, its offset in the journal).
    static func knownFiles(config: SinkConfig, account: String, context: SinkContext) -> [ArchivedFile] {
        let path = PathTemplate(config.path).resolve(stream: .media, account: account, context: context)
        var known = ArchivedFile.entries(in: lines(of: path).flatMap { $0 + [UInt8(ascii: "\n")] })
        if let offset = context.resumeOffsets[path],
            let data = FileManager.default.contents(atPath: OutputFile.partialPath(for: path))
        {
            known += ArchivedFile.entries(in: Array(data.prefix(Int(offset))))
        }
        return known
    }
}

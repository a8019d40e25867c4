import IGCore
import IGGraph

/// Writes records as CSV (RFC 4180) in the `warehouse` or `excel` dialect; see `CSVEncoder` for cells.
///
/// Columns are the configured dotted paths (`children.0.media_url`). With no `columns`, a file takes the keys the
/// pipeline gives every record of its stream (`SinkContext.columns`: the requested fields and what the transform
/// adds), or, for a stream whose keys are not known up front, those of its first record; later records fill
/// those columns only: CSV cannot grow a column midway. A resumed file reads its columns back from its header, and never writes a second header or
/// BOM. The `excel` dialect starts with a UTF-8 BOM (Excel needs it to read UTF-8) and ends lines with CRLF.
public final class CSVSink: Sink {
    public let config: SinkConfig
    private let files: SinkFiles
    private let encoder: CSVEncoder
    private var columnsByPath: [String: (names: [String], paths: [FieldPath])] = [:]

    /// Creates the sink, reopening the partial files of a resumed run.
    public init(config: SinkConfig, context: SinkContext) throws(SinkError) {
        self.config = config
        encoder = CSVEncoder(dialect: config.csv.dialect, arraySeparator: config.csv.arraySeparator)
        files = try SinkFiles(config: config, context: context)
        for file in files.files where file.offset > 0 && config.csv.columns.isEmpty && config.csv.header {
            if let names = try CSVSink.readHeader(file) {
                columnsByPath[file.path] = (names, names.map(FieldPath.init))
            }
        }
    }

    public func write(_ page: Page) throws(SinkError) {
        guard config.accepts(page.stream) else { return }
        for (file, records) in try files.route(page) {
            guard let columns = try columns(of: file, stream: page.stream, firstRecord: records.first) else { continue }
            let encoder = encoder
            for record in records {
                try file.write { buffer in
                    encoder.appendRow(columns.paths.map { record.value(at: $0) }, to: &buffer)
                }
            }
        }
    }

    public var statistics: [String: OutputStats] { files.stats }

    public func commit(sync: Bool) throws(SinkError) -> [String: UInt64] {
        try files.commit(sync: sync)
    }

    public func finish() throws(SinkError) -> [String] {
        let stream = config.streams.first ?? .media
        if let file = try files.fileForEmptyRun(stream: stream),
            !config.csv.columns.isEmpty || files.context.columns[stream] != nil
        {
            _ = try columns(of: file, stream: stream, firstRecord: nil)
        }
        return try files.finish { _ in }
    }

    /// The columns of `file`, deciding them (and writing the BOM and header) when the file is new.
    private func columns(of file: OutputFile, stream: StreamKind, firstRecord: Record?) throws(SinkError) -> (
        names: [String], paths: [FieldPath]
    )? {
        if let known = columnsByPath[file.path] { return known }
        var names = config.csv.columns
        if names.isEmpty {
            if let known = files.context.columns[stream] {
                names = known
            } else {
                guard let firstRecord else { return nil }
                names = firstRecord.keys
            }
        }
        let decided = (names, names.map(FieldPath.init))
        columnsByPath[file.path] = decided
        if file.offset == 0 {
            let encoder = encoder
            let header = config.csv.header
            try file.write { buffer in
                if encoder.dialect == .excel { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
                if header { encoder.appendRow(names.map { JSONValue.string($0) }, to: &buffer) }
            }
        }
        return decided
    }

    /// The header row of a resumed file, read from its partial file.
    private static func readHeader(_ file: OutputFile) throws(SinkError) -> [String]? {
        var bytes: [UInt8] = []
        var row: [String]?
        try file.readCommitted { chunk in
            bytes.append(contentsOf: chunk)
            row = CSVEncoder.firstRow(of: bytes)
            return row == nil
        }
        return row
    }
}

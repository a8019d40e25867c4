import IGCore

/// What one data file holds, for the run manifest: counted as records are routed to it, and saved in the
/// journal with each page's offsets, so that a resumed run knows it for the part an earlier process wrote
/// without reading the file back.
public struct OutputStats: Codable, Sendable, Equatable {
    /// The stream the file holds.
    public var stream: String?
    public var rows = 0
    /// The earliest and latest of the records' own timestamps (RFC 3339 UTC); `nil` when none has one.
    public var minTimestamp: String?
    public var maxTimestamp: String?
    /// `none`, `gzip` or `zstd`.
    public var compression: String

    /// Creates the statistics of an empty file.
    public init(stream: String? = nil, compression: OutputCompression) {
        self.stream = stream
        self.compression = compression.rawValue
    }

    /// Counts one record.
    mutating func add(_ record: Record) {
        rows += 1
        guard let time = record.ownTimestamp else { return }
        if minTimestamp.flatMap(Timestamp.init(parsing:)).map({ time < $0 }) ?? true { minTimestamp = time.rfc3339 }
        if maxTimestamp.flatMap(Timestamp.init(parsing:)).map({ time > $0 }) ?? true { maxTimestamp = time.rfc3339 }
    }
}

extension Record {
    /// The record's own time: `timestamp` (media, stories, comments) or `end_time` (account insights); `nil`
    /// for the profile and media insights, whose `{record_date}` is then the run's date.
    var ownTimestamp: Timestamp? {
        for key in ["timestamp", "end_time"] {
            if case .string(let text)? = self[key], let time = Timestamp(parsing: text) { return time }
        }
        return nil
    }
}

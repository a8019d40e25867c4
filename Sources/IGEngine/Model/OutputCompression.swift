/// How an output file is compressed: each committed page becomes one gzip member or zstd frame.
public enum OutputCompression: String, Sendable, Equatable, CaseIterable {
    case none
    case gzip
    case zstd

    /// The compression a path's extension implies: `.gz` gzip, `.zst` zstd, anything else none.
    public static func implied(by path: String) -> OutputCompression {
        if path.hasSuffix(".gz") { return .gzip }
        if path.hasSuffix(".zst") { return .zstd }
        return .none
    }
}

import IGCore

/// Options of the `files` writer, which downloads the images and videos the records point at.
public struct FilesOptions: Sendable, Equatable {
    /// The default name of an archived file.
    public static let defaultTemplate = "archive/{account}/{year}/{date}_{id}.{ext}"
    /// The placeholders a file's name may use.
    public static let placeholders = ["account", "stream", "year", "month", "date", "id", "parent_id", "index", "ext"]

    /// Where each file goes: the placeholders of `placeholders`. When the name is the default's,
    /// `{date}_{id}.{ext}`, a carousel child's is `{date}_{parent_id}_{index}.{ext}`.
    public var template = FilesOptions.defaultTemplate
    /// Also downloads `thumbnail_url` (a video's poster).
    public var thumbnails = true
    /// Also downloads carousel children.
    public var children = true
    /// Downloads in flight at once.
    public var concurrency = 4
    /// The writer's whole download speed, shared out between the downloads in flight; 0 is unlimited.
    public var maxBytesPerSecond = 0
    /// The largest file accepted; a bigger one is stopped and counted as failed.
    public var maxFileBytes = 1 << 30
    /// The URL the archive root is served at, for `public_url` in the records' `files`.
    public var baseURL: String?
    /// Whether the pipeline names the manifest; else it is `manifest.ndjson` in the archive root, or
    /// `manifest-{account}.ndjson` there when several accounts are exported.
    public var manifestGiven = false
    /// The folder, in the state folder, where the writer notes which files each publish added: not an option,
    /// the checkpoint's path decides it.
    public var notes = ".igexport-files"

    /// Creates the default options.
    public init() {}

    /// The file in `notes` that keeps what the writer remembers of `subject` (an account, a manifest's path),
    /// named by the subject's digest so that any text makes a safe name.
    func note(of subject: String, _ suffix: String) -> String {
        var hash = SHA256()
        hash.update(Array(subject.utf8))
        return PathName.join(notes, String(hash.hexDigest().prefix(32)) + "." + suffix)
    }

    /// The archive root: the template's fixed folder, before its first placeholder. Paths in the manifest and
    /// in the records' `files` are relative to it.
    public var root: String {
        let fixed = template.prefix { $0 != "{" }
        guard let slash = fixed.lastIndex(of: "/") else { return "" }
        return String(fixed[..<slash])
    }
}

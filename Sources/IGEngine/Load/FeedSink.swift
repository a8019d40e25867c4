import IGCore
import IGGraph

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a feed per account, as RSS 2.0, Atom 1.0 or JSON Feed 1.1 (`SinkConfig.format`), that passes the
/// W3C feed validator without warning whatever the captions hold.
///
/// The sink takes the `profile` and `media` streams. The channel comes from the profile or `FeedOptions`
/// (`FeedChannel`). Each media becomes one `FeedItem` (`FeedItemBuilder`), which the format's `FeedWriter`
/// renders: the three formats carry the same items, in the same order, with the same ids.
///
/// Media pages arrive newest first, so the first `max_items` media written are the newest and the rest are
/// ignored; a resumed run reads the items of its partial file back, so the feed still stops at `max_items`
/// and no media becomes two items. When media are extracted incrementally, the items of the feed being
/// replaced fill the rest (see `carryOver(into:)`).
public final class FeedSink: Sink {
    public let config: SinkConfig
    private let files: SinkFiles
    private let writer: any FeedWriter
    private let now: () -> Timestamp
    private var profiles: [String: Record] = [:]
    /// The ids of the items in each file, in order.
    private var written: [String: [String]] = [:]
    /// The same ids as a set per file, kept beside `written` so that a page checks its media against the items
    /// already written without rebuilding the set: rebuilding it (and copying the ids) per page made a feed
    /// of every item quadratic in the number of media.
    private var writtenSet: [String: Set<String>] = [:]

    /// Creates the sink, reopening the partial files of a resumed run; `now` dates the feed.
    public init(config: SinkConfig, context: SinkContext, now: @escaping () -> Timestamp = Timestamp.now)
        throws(SinkError)
    {
        self.config = config
        self.now = now
        switch config.format {
        case .atom: writer = AtomFeedWriter(fallbackUpdated: now())
        case .jsonfeed: writer = JSONFeedWriter()
        default: writer = RSSFeedWriter()
        }
        files = try SinkFiles(config: config, context: context)
        for file in files.files where file.offset > 0 {
            let bytes = try FeedSink.contents(of: file.partialPath, limit: file.offset) ?? []
            let ids = writer.entries(in: bytes).map(\.id)
            written[file.path] = ids
            writtenSet[file.path] = Set(ids)
        }
    }

    public func write(_ page: Page) throws(SinkError) {
        switch page.stream {
        case .profile:
            if let profile = page.records.first, profiles[page.account] == nil {
                profiles[page.account] = profile
            }
            try startIfNew(try feed(for: page.account), account: page.account, firstMedia: nil)
        case .media:
            let file = try feed(for: page.account)
            try startIfNew(file, account: page.account, firstMedia: page.records.first)
            let count = written[file.path]?.count ?? 0
            guard count < config.feed.maxItems else { return }
            let username = username(account: page.account, firstMedia: page.records.first)
            let builder = FeedItemBuilder(
                options: config.feed,
                username: username,
                channelLink: FeedChannel.link(options: config.feed, username: username)
            )
            // A media read twice (a page read again after a refused cursor) must not become two items.
            var fresh = Set<String>()
            var items: [FeedItem] = []
            for record in page.records where count + items.count < config.feed.maxItems {
                if let item = builder.item(for: record), writtenSet[file.path]?.contains(item.id) != true,
                    fresh.insert(item.id).inserted
                {
                    items.append(item)
                }
            }
            guard !items.isEmpty else { return }
            try writer.write(items, after: count, to: file)
            written[file.path, default: []].append(contentsOf: items.map(\.id))
            writtenSet[file.path, default: []].formUnion(fresh)
        default:
            return
        }
    }

    public func commit(sync: Bool) throws(SinkError) -> [String: UInt64] {
        try files.commit(sync: sync)
    }

    public func finish() throws(SinkError) -> [String] {
        _ = try files.fileForEmptyRun(stream: .media)
        return try files.finish { file throws(SinkError) in
            try startIfNew(file, account: profiles.keys.sorted().first ?? "", firstMedia: nil)
            if config.feed.keepsPublishedItems { try carryOver(into: file) }
            try file.write(writer.end)
        }
    }

    /// Appends the items of the feed published at `file`'s target by an earlier run that this run did not
    /// write, up to `max_items`: an incremental run reads only the newest media, and its feed must still
    /// hold the newest `max_items`. Only the items older than the oldest one this run wrote again are
    /// carried, so a media deleted since (and so not read again) leaves the feed. The target is replaced
    /// only when the run publishes, so a resumed run carries over the same items.
    private func carryOver(into file: OutputFile) throws(SinkError) {
        let ids = written[file.path, default: []]
        guard ids.count < config.feed.maxItems, let published = try FeedSink.contents(of: file.path) else { return }
        var previous = writer.entries(in: published)
        let known = Set(ids)
        if let last = previous.lastIndex(where: { known.contains($0.id) }) {
            previous.removeFirst(last + 1)
        }
        var seen = known
        let carried = previous.filter { seen.insert($0.id).inserted }.prefix(config.feed.maxItems - ids.count)
        guard !carried.isEmpty else { return }
        try writer.append(Array(carried), after: ids.count, to: file)
        written[file.path] = ids + carried.map(\.id)
        writtenSet[file.path, default: []].formUnion(carried.map(\.id))
    }

    private func feed(for account: String) throws(SinkError) -> OutputFile {
        try files.file(stream: .media, account: account)
    }

    private func username(account: String, firstMedia: Record?) -> String {
        FeedText.sanitize(
            profiles[account]?["username"]?.stringValue ?? firstMedia?["username"]?.stringValue ?? account
        )
    }

    /// Writes the opening and the channel when `file` is new.
    private func startIfNew(_ file: OutputFile, account: String, firstMedia: Record?) throws(SinkError) {
        guard file.offset == 0 else { return }
        let channel = FeedChannel(
            options: config.feed,
            profile: profiles[account],
            account: account,
            username: username(account: account, firstMedia: firstMedia),
            built: now()
        )
        try writer.start(channel, to: file)
    }

    /// The bytes of the file at `path`, the first `limit` of them (all when `limit` is `nil`), or `nil` when
    /// it does not exist. Symbolic links are not followed: a planted link must not feed another file in.
    private static func contents(of path: String, limit: UInt64? = nil) throws(SinkError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw SinkError(.io, path: path, message: "cannot read the feed back", errno: errno)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while limit.map({ UInt64(bytes.count) < $0 }) ?? true {
            let wanted = min(chunk.count, limit.map { Int($0) - bytes.count } ?? chunk.count)
            let length = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, wanted) }
            if length < 0 && errno == EINTR { continue }
            guard length > 0 else {
                if length < 0 { throw SinkError(.io, path: path, message: "cannot read the feed back", errno: errno) }
                break
            }
            bytes.append(contentsOf: chunk[..<length])
        }
        return bytes
    }
}

import Foundation
import IGCore
import IGGraph
import Logging

/// The media archive's downloads for one account: the files a page's records point at are fetched (at most
/// `concurrency` at a time) before the page is committed, so that the records carry their `files` to every
/// writer and the page's commit records the files in the manifest.
///
/// A file is written to `.<name>.download` beside its target, checked (status, `Content-Length`, size cap),
/// fsynced, given the post's time and renamed into place. A file the manifest already lists (an earlier run's,
/// or a committed page of the interrupted one) is not fetched again, nor one the interrupted run renamed into
/// place before its page committed (`DownloadNotes`). An expired URL (403, 410) is refreshed by
/// id through the Graph client, which alone holds the token; the CDN gets no credentials.
final class MediaArchiver: Sendable {
    let options: FilesOptions
    let streams: [StreamKind]
    let account: String
    let naming: FileNaming
    private let downloader: any FileDownloading
    private let client: any GraphFetching
    private let clock: any RunClock
    private let retry: RetryPolicy
    private let logger: Logger
    /// What the archive holds, by `ArchivedFile.key`.
    private let known: Locked<[String: ArchivedFile]>
    /// The folders this run wrote a file into, swept of stale temporary files at the end.
    private let folders = Locked<Set<String>>([])
    private let notes: DownloadNotes
    /// Files an interrupted run renamed into place without committing them, by `ArchivedFile.key`.
    private let renamed: [String: ArchivedFile]

    /// Refreshes of one file's URL before it counts as failed.
    static let maximumRefreshes = 3

    init(
        config: SinkConfig,
        account: String,
        known: [ArchivedFile],
        resumed: Bool,
        downloader: any FileDownloading,
        client: any GraphFetching,
        clock: any RunClock,
        retry: RetryPolicy,
        logger: Logger
    ) {
        options = config.files
        streams = config.streams
        self.account = account
        naming = FileNaming(options: config.files)
        self.downloader = downloader
        self.client = client
        self.clock = clock
        self.retry = retry
        self.logger = logger
        self.known = Locked(Dictionary(known.map { ($0.key, $0) }) { $1 })
        notes = DownloadNotes(path: config.files.note(of: account, "downloaded"))
        renamed = notes.take(resumed: resumed, naming: naming)
    }

    /// What became of one file.
    private enum Outcome: Sendable {
        case known(ArchivedFile)
        case downloaded(ArchivedFile)
        case withheld
        case failed
    }

    /// The page with its records' files downloaded: each record (and carousel child) gains `files`, the
    /// page's `archived` lists the files new to the archive, and its `skipped` counts `files_failed` and
    /// `files_withheld`.
    func archive(_ page: Page) async throws -> Page {
        guard streams.contains(page.stream) else { return page }
        var targets: [DownloadTarget] = []
        for record in page.records { targets += Self.targets(of: record, stream: page.stream, options: options) }
        let outcomes = try await targets.boundedMap(limit: options.concurrency) { target in
            (target.key, try await self.obtain(target))
        }
        var result = page
        var files: [String: ArchivedFile] = [:]
        var seen: Set<String> = []
        for (key, outcome) in outcomes {
            switch outcome {
            case .known(let entry):
                files[key] = entry
            case .downloaded(let entry):
                files[key] = entry
                if seen.insert(key).inserted { result.archived.append(entry) }
            case .withheld:
                result.skipped["files_withheld", default: 0] += 1
            case .failed:
                result.skipped["files_failed", default: 0] += 1
            }
        }
        known.withLock { known in
            for entry in result.archived { known[entry.key] = entry }
        }
        result.records = page.records.map { attach(files, to: $0) }
        return result
    }

    /// Rechecks the size and SHA-256 of every file the archive lists and fetches again, by id, each one that is
    /// missing or damaged; returns the new entries, for the manifest.
    func verify() async throws -> (repaired: [ArchivedFile], failed: Int) {
        let entries = known.withLock { Array($0.values) }.sorted { $0.key < $1.key }
        var damaged: [ArchivedFile] = []
        for entry in entries where !Self.matches(entry, at: naming.absolute(entry.path)) {
            damaged.append(entry)
        }
        let outcomes = try await damaged.boundedMap(limit: options.concurrency) { entry in
            let path = self.naming.absolute(entry.path)
            let stem = path.lastIndex(of: ".").map { String(path[..<$0]) } ?? path
            self.logger.notice("refetching a damaged archive file", metadata: ["path": "\(entry.path)"])
            let target = DownloadTarget(
                mediaID: entry.mediaID,
                parentID: entry.parentID,
                index: nil,
                kind: entry.kind,
                url: nil,
                timestamp: entry.timestamp,
                stream: .media
            )
            guard let url = try await self.refresh(target) else { return Outcome.failed }
            return try await self.download(target, from: url, stem: stem)
        }
        var repaired: [ArchivedFile] = []
        var failed = 0
        for outcome in outcomes {
            if case .downloaded(let entry) = outcome { repaired.append(entry) } else { failed += 1 }
        }
        known.withLock { known in
            for entry in repaired { known[entry.key] = entry }
        }
        return (repaired, failed)
    }

    /// Removes the temporary files (`.*.download`) an interrupted run left in the folders this run wrote and in
    /// those of the files the archive holds (a download cut short of a post deleted since is not tried again).
    func removeStaleTemporaryFiles() {
        let archived = known.withLock { Set($0.values.map { PathName.split(naming.absolute($0.path)).folder }) }
        for folder in folders.withLock({ $0 }).union(archived) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)
            else { continue }
            for name in names where name.hasPrefix(".") && name.hasSuffix(".download") {
                unlink(PathName.join(folder, name))
            }
        }
    }

    private func obtain(_ target: DownloadTarget) async throws -> Outcome {
        if let entry = known.withLock({ $0[target.key] }) { return .known(entry) }
        guard let url = target.url else { return .withheld }
        if let entry = renamed[target.key] { return .downloaded(entry) }
        return try await download(target, from: url, stem: naming.stem(target, account: account))
    }

    /// Downloads `url` to `stem.<ext>`, retrying failures and refreshing an expired URL.
    private func download(_ target: DownloadTarget, from first: String, stem: String) async throws -> Outcome {
        let (folder, name) = PathName.split(stem)
        try Self.createFolders(folder)
        folders.withLock { _ = $0.insert(folder) }
        let temporary = PathName.join(folder, "." + name + ".download")
        var url = first
        var refreshes = 0
        var retries = 0
        var generator = SystemRandomNumberGenerator()
        while true {
            try Task.checkCancellation()
            let descriptor = try Self.createTemporary(temporary)
            var status = 0
            do {
                let response = try await downloader.download(
                    url,
                    to: descriptor,
                    maximumBytes: options.maxFileBytes,
                    bytesPerSecond: options.maxBytesPerSecond > 0
                        ? max(1, options.maxBytesPerSecond / options.concurrency) : 0
                )
                if response.status == 200 {
                    return .downloaded(try finish(target, descriptor, temporary, stem, response, url))
                }
                status = response.status
            } catch let error as DownloadError {
                switch error {
                case .write(let code):
                    close(descriptor)
                    unlink(temporary)
                    throw SinkError(
                        .io,
                        path: temporary,
                        message: "cannot write the downloaded file: \(String(cString: strerror(code)))",
                        errno: code
                    )
                case .transfer(let failure):
                    logger.warning(
                        "media download failed",
                        metadata: ["media": "\(target.mediaID)", "url": "\(Self.loggable(url))", "error": "\(failure)"]
                    )
                    status = failure.exceedsBodyLimit ? -1 : 0
                }
            }
            // Every way here leaves the descriptor open once: a 200 returned above, and a write error threw.
            close(descriptor)
            unlink(temporary)
            if status < 0 { return .failed }
            if status == 403 || status == 410 {
                guard refreshes < Self.maximumRefreshes else { return failed(target, url, status) }
                refreshes += 1
                logger.info(
                    "media URL expired; asking the API for a fresh one",
                    metadata: ["media": "\(target.mediaID)", "status": "\(status)"]
                )
                guard let fresh = try await refresh(target) else { return failed(target, url, status) }
                url = fresh
                continue
            }
            guard status == 0 || status == 429 || status >= 500, retries + 1 < retry.maxAttempts else {
                return failed(target, url, status)
            }
            await clock.sleep(for: retry.backoff.delay(forRetry: retries, using: &generator))
            retries += 1
        }
    }

    private func failed(_ target: DownloadTarget, _ url: String, _ status: Int) -> Outcome {
        logger.warning(
            "media file not archived",
            metadata: [
                "media": "\(target.mediaID)", "kind": "\(target.kind.rawValue)", "url": "\(Self.loggable(url))",
                "status": "\(status)",
            ]
        )
        return .failed
    }

    /// Syncs, hashes and dates the downloaded file, then renames it into place.
    private func finish(
        _ target: DownloadTarget,
        _ descriptor: Int32,
        _ temporary: String,
        _ stem: String,
        _ response: DownloadResponse,
        _ url: String
    ) throws(SinkError) -> ArchivedFile {
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Self.failure(temporary, "cannot sync the downloaded file") }
        fchmod(descriptor, 0o644)
        let sha256 = try Self.hash(descriptor, temporary)
        if let seconds = Timestamp(parsing: target.timestamp)?.seconds {
            var times = [timespec(tv_sec: time_t(seconds), tv_nsec: 0), timespec(tv_sec: time_t(seconds), tv_nsec: 0)]
            futimens(descriptor, &times)
        }
        let contentType =
            response.headers["Content-Type"]?.split(separator: ";").first.map {
                String($0).trimmingCharacters(in: .whitespaces).lowercased()
            } ?? "application/octet-stream"
        let path = stem + "." + FileNaming.fileExtension(contentType: contentType, url: url)
        CrashPoint.afterFileWritten.reach()
        guard rename(temporary, path) == 0 else { throw Self.failure(path, "cannot rename the downloaded file") }
        let folder = PathName.split(path).folder
        do {
            try AtomicFile.syncFolder(folder.isEmpty ? "." : folder)
        } catch {
            throw SinkError(.io, path: folder, message: "cannot sync the folder (\(error))", errno: error.code)
        }
        let entry = ArchivedFile(
            mediaID: target.mediaID,
            parentID: target.parentID,
            kind: target.kind,
            path: naming.relative(path),
            bytes: response.bytes,
            sha256: sha256,
            contentType: contentType,
            timestamp: target.timestamp
        )
        notes.note(entry)
        CrashPoint.afterFileRename.reach()
        return entry
    }

    /// A fresh URL for `target`, asked of the API by id; nil when the API has none (or no longer the media).
    private func refresh(_ target: DownloadTarget) async throws -> String? {
        let field = target.kind == .media ? "media_url" : "thumbnail_url"
        do {
            let object = try await client.object(target.mediaID, parameters: [("fields", "media_url,thumbnail_url")])
            return object[field]?.stringValue
        } catch let error as GraphError where error.category != .auth && error.category != .permission {
            logger.warning(
                "cannot refresh a media URL",
                metadata: ["media": "\(target.mediaID)", "error": "\(error)"]
            )
            return nil
        }
    }

    /// The record with `files` on it and on each of its carousel children that has any.
    private func attach(_ files: [String: ArchivedFile], to record: Record) -> Record {
        var record = record
        if let id = GraphID.text(record["id"]), let list = fileList(files, id) { record["files"] = list }
        guard var children = record["children"] else { return record }
        if var object = children.objectValue, let data = object["data"]?.arrayValue {
            object["data"] = .array(data.map { attachToChild(files, $0) })
            children = .object(object)
        } else if let data = children.arrayValue {
            children = .array(data.map { attachToChild(files, $0) })
        }
        record["children"] = children
        return record
    }

    private func attachToChild(_ files: [String: ArchivedFile], _ child: JSONValue) -> JSONValue {
        guard var object = child.objectValue, let id = GraphID.text(object["id"]), let list = fileList(files, id)
        else { return child }
        object["files"] = list
        return .object(object)
    }

    /// `[{kind, path, public_url, bytes, content_type}]` of media `id`, or nil when it has no file.
    private func fileList(_ files: [String: ArchivedFile], _ id: String) -> JSONValue? {
        var list: [JSONValue] = []
        for kind in [ArchivedFile.Kind.media, .thumbnail] {
            guard let entry = files["\(id)/\(kind.rawValue)"] else { continue }
            var object = JSONObject()
            object.append("kind", .string(kind.rawValue))
            object.append("path", .string(entry.path))
            if let base = options.baseURL {
                let escaped = entry.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? entry.path
                object.append("public_url", .string(base + "/" + escaped))
            }
            object.append("bytes", .int(Int64(entry.bytes)))
            object.append("content_type", .string(entry.contentType))
            list.append(.object(object))
        }
        return list.isEmpty ? nil : .array(list)
    }
}

import Foundation
import IGCore

extension MediaArchiver {
    /// The files `record` points at: its own, its thumbnail, and its carousel children's, as the options ask.
    /// A record or child whose id is not all digits is left out: its id would go into a path.
    static func targets(of record: Record, stream: StreamKind, options: FilesOptions) -> [DownloadTarget] {
        guard let id = GraphID.text(record["id"]), DownloadTarget.isSafeID(id) else { return [] }
        let timestamp = record["timestamp"]?.stringValue ?? ""
        var children: [JSONValue] = []
        if options.children, let value = record["children"] {
            children = value.objectValue?["data"]?.arrayValue ?? value.arrayValue ?? []
        }
        var targets: [DownloadTarget] = []
        // An album's own media_url is its first child's picture: with the children archived it is no file of its own.
        let isAlbum = record["media_type"]?.stringValue == "CAROUSEL_ALBUM" && !children.isEmpty
        if !isAlbum {
            targets += files(of: record, id: id, parent: nil, index: nil, timestamp: timestamp, stream, options)
        }
        for (offset, child) in children.enumerated() {
            guard let object = child.objectValue, let childID = GraphID.text(object["id"]),
                DownloadTarget.isSafeID(childID)
            else { continue }
            let childTime = object["timestamp"]?.stringValue ?? timestamp
            targets += files(
                of: object,
                id: childID,
                parent: id,
                index: offset + 1,
                timestamp: childTime,
                stream,
                options
            )
        }
        return targets
    }

    private static func files(
        of object: JSONObject,
        id: String,
        parent: String?,
        index: Int?,
        timestamp: String,
        _ stream: StreamKind,
        _ options: FilesOptions
    ) -> [DownloadTarget] {
        var result = [
            DownloadTarget(
                mediaID: id,
                parentID: parent,
                index: index,
                kind: .media,
                url: object["media_url"]?.stringValue,
                timestamp: timestamp,
                stream: stream
            )
        ]
        if options.thumbnails, let thumbnail = object["thumbnail_url"]?.stringValue {
            var target = result[0]
            target.kind = .thumbnail
            target.url = thumbnail
            result.append(target)
        }
        return result
    }

    /// Whether the file at `path` has the size and SHA-256 the manifest gives.
    static func matches(_ entry: ArchivedFile, at path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, UInt64(status.st_size) == entry.bytes else { return false }
        return (try? hash(descriptor, path)) == entry.sha256
    }

    /// The SHA-256 of a file, read from its start.
    static func hash(_ descriptor: Int32, _ path: String) throws(SinkError) -> String {
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw failure(path, "cannot read the file back") }
        var hash = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, "cannot read the file back")
            }
            if count == 0 { break }
            hash.update(Array(buffer[..<count]))
        }
        return hash.hexDigest()
    }

    /// Creates the temporary file of a download exclusively and never through a link; a stale one (of a killed
    /// run) is unlinked first.
    static func createTemporary(_ path: String) throws(SinkError) -> Int32 {
        let flags = O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        var descriptor = open(path, flags, 0o644)
        if descriptor < 0, errno == EEXIST {
            unlink(path)
            descriptor = open(path, flags, 0o644)
        }
        guard descriptor >= 0 else { throw failure(path, "cannot create the temporary file", kind: creationKind()) }
        return descriptor
    }

    static func createFolders(_ folder: String) throws(SinkError) {
        var prefix = folder.hasPrefix("/") ? "/" : ""
        for part in folder.split(separator: "/") {
            prefix += part
            if mkdir(prefix, 0o755) != 0, errno != EEXIST {
                throw failure(prefix, "cannot create the archive folder", kind: creationKind())
            }
            prefix += "/"
        }
    }

    /// What a failed creation is, by `errno`: a full disk or a failing one is an I/O error (74, and the next run
    /// resumes), anything else (permissions, a file in the way) an output that cannot be created (73).
    private static func creationKind() -> SinkError.Kind {
        switch errno {
        case ENOSPC, EDQUOT, EIO: .io
        default: .cannotCreate
        }
    }

    static func failure(_ path: String, _ what: String, kind: SinkError.Kind = .io) -> SinkError {
        let code = errno
        return SinkError(kind, path: path, message: "\(what): \(String(cString: strerror(code)))", errno: code)
    }

    /// A URL as the log shows it: without its query, whose signature is long and of no use to a reader.
    static func loggable(_ url: String) -> String {
        String(url.split(separator: "?", maxSplits: 1).first ?? "")
    }
}

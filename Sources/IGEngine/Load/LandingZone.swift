import Foundation
import IGCore

/// What a warehouse loader waits for once the data files are published: the catalog of schemas, the run
/// manifest, then a `_SUCCESS` marker in every folder the run wrote, last of all, so that a loader that waits
/// for `_SUCCESS` never sees a half-published run. Without `catalog:` and `manifest:`, it writes nothing.
struct LandingZone: Sendable {
    let config: PipelineConfig
    /// The account whose outputs these are: each account publishes, and writes its manifest, when it completes.
    let account: String
    /// The shard the run exports, for `{shard}` in the manifest's path.
    let shard: String

    /// Writes the manifest of `files` (every output of the run, published), then the `_SUCCESS` markers;
    /// returns the manifest's path and the markers' paths, for the upload of `s3://` outputs.
    @discardableResult
    func publish(
        files: [String],
        statistics: [String: OutputStats],
        runID: String,
        date: String,
        startedAt: Date,
        finishedAt: Date
    ) throws(SinkError) -> (manifest: String, markers: [String])? {
        guard let manifest = config.manifest else { return nil }
        let path = PathTemplate(manifest.path)
            .resolve(pipeline: config.name, stream: "", account: account, date: date, run: runID)
            .replacingOccurrences(of: "{shard}", with: shard)
        let folder = PathName.split(path).folder
        var entries: [JSONValue] = []
        for file in files {
            let stats = statistics[file]
            let (bytes, sha256) = try LandingZone.digest(file)
            var entry = JSONObject()
            entry.append("path", .string(LandingZone.relative(file, from: folder)))
            entry.append("stream", stats?.stream.map(JSONValue.string) ?? .null)
            entry.append("rows", stats.map { .int(Int64($0.rows)) } ?? .null)
            entry.append("bytes", .int(Int64(bytes)))
            entry.append("sha256", .string(sha256))
            entry.append("min_timestamp", stats?.minTimestamp.map(JSONValue.string) ?? .null)
            entry.append("max_timestamp", stats?.maxTimestamp.map(JSONValue.string) ?? .null)
            entry.append("compression", .string(stats?.compression ?? OutputCompression.none.rawValue))
            entries.append(.object(entry))
        }
        var document = JSONObject()
        document.append("run_id", .string(runID))
        document.append("pipeline", .string(config.name))
        document.append("started_at", .string(Timestamp(startedAt).rfc3339))
        document.append("finished_at", .string(Timestamp(finishedAt).rfc3339))
        document.append("files", .array(entries))
        var bytes: [UInt8] = []
        JSONValue.object(document).encodeJSON(into: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        try LandingZone.write(bytes, to: path)
        let markers = Set(files.map { PathName.split($0).folder }).sorted().map { PathName.join($0, "_SUCCESS") }
        for marker in markers {
            try LandingZone.write([], to: marker)
        }
        return (path, markers)
    }

    /// Writes a whole file atomically (temporary file, fsync, rename, fsync of the folder), creating its folder.
    static func write(_ bytes: [UInt8], to path: String) throws(SinkError) {
        let folder = PathName.split(path).folder
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw SinkError(.cannotCreate, path: folder, message: "cannot create the folder (\(error))")
            }
        }
        do {
            try AtomicFile.write(Data(bytes), to: path, mode: 0o644, sync: true)
        } catch {
            throw SinkError(.io, path: path, message: "cannot write (\(error))", errno: error.code)
        }
    }

    /// The size and SHA-256 of a published file.
    static func digest(_ path: String) throws(SinkError) -> (bytes: UInt64, sha256: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SinkError(.io, path: path, message: "cannot read the published file back for the manifest")
        }
        defer { try? handle.close() }
        var hash = SHA256()
        var count: UInt64 = 0
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw SinkError(.io, path: path, message: "cannot read the published file back (\(error))")
            }
            if chunk.isEmpty { break }
            count += UInt64(chunk.count)
            hash.update([UInt8](chunk))
        }
        return (count, hash.hexDigest())
    }

    /// `path` relative to `folder` when both are relative or both absolute; else `path` as it is.
    static func relative(_ path: String, from folder: String) -> String {
        guard path.hasPrefix("/") == folder.hasPrefix("/") else { return path }
        let target = path.split(separator: "/").filter { $0 != "." }
        let base = folder.split(separator: "/").filter { $0 != "." }
        var common = 0
        while common < min(target.count - 1, base.count), target[common] == base[common] { common += 1 }
        let up = Array(repeating: "..", count: base.count - common)
        return (up + target[common...].map(String.init)).joined(separator: "/")
    }
}

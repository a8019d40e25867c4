import Foundation
import IGCore

/// What an account's publishes have uploaded, in its own state file beside the journal (atomic, 0600): each
/// object's SHA-256, and for a multipart upload in progress its upload id and each sent part's ETag, so that a
/// killed publish skips what is done and resumes an upload at its next part.
public struct UploadLedger: Sendable, Equatable {
    /// A multipart upload that was begun and not completed.
    public struct Multipart: Sendable, Equatable {
        public var uploadID: String
        /// The SHA-256 of the whole file being sent: a file that changed since starts over.
        public var sha256: String
        public var partSize: Int
        /// The ETag of each part sent, by part number (from 1).
        public var etags: [Int: String] = [:]

        /// Creates the record of an upload.
        public init(uploadID: String, sha256: String, partSize: Int, etags: [Int: String] = [:]) {
            self.uploadID = uploadID
            self.sha256 = sha256
            self.partSize = partSize
            self.etags = etags
        }
    }

    /// The SHA-256 of each object uploaded, by `s3://BUCKET/KEY`.
    public var objects: [String: String] = [:]
    /// Multipart uploads in progress, by `s3://BUCKET/KEY`.
    public var multipart: [String: Multipart] = [:]

    /// An empty ledger.
    public init() {}

    /// The ledger saved at `path`; an empty one when there is none.
    public static func load(_ path: String) throws(StorageError) -> UploadLedger {
        guard let data = FileManager.default.contents(atPath: path) else {
            guard access(path, F_OK) != 0 else {
                throw StorageError(.io, message: "cannot read the upload ledger \(path)")
            }
            return UploadLedger()
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse([UInt8](data))
        } catch {
            throw StorageError(
                .io,
                message: "the upload ledger \(path) is damaged (\(error)); remove it to upload again"
            )
        }
        var ledger = UploadLedger()
        let root = value.objectValue ?? JSONObject()
        for (key, sha) in root["objects"]?.objectValue?.members ?? [] {
            if let sha = sha.stringValue { ledger.objects[key] = sha }
        }
        for (key, entry) in root["multipart"]?.objectValue?.members ?? [] {
            guard let entry = entry.objectValue, let id = entry["upload_id"]?.stringValue,
                let sha = entry["sha256"]?.stringValue, let size = entry["part_size"]?.intValue
            else { continue }
            var upload = Multipart(uploadID: id, sha256: sha, partSize: Int(size))
            for (number, etag) in entry["parts"]?.objectValue?.members ?? [] {
                if let number = Int(number), let etag = etag.stringValue { upload.etags[number] = etag }
            }
            ledger.multipart[key] = upload
        }
        return ledger
    }

    /// Saves the ledger atomically at `path` (0600), creating its folder.
    public func save(_ path: String) throws(StorageError) {
        var objectsJSON = JSONObject()
        for key in objects.keys.sorted() { objectsJSON.append(key, .string(objects[key] ?? "")) }
        var multipartJSON = JSONObject()
        for key in multipart.keys.sorted() {
            guard let upload = multipart[key] else { continue }
            var parts = JSONObject()
            for number in upload.etags.keys.sorted() {
                parts.append(String(number), .string(upload.etags[number] ?? ""))
            }
            multipartJSON.append(
                key,
                [
                    "upload_id": .string(upload.uploadID), "sha256": .string(upload.sha256),
                    "part_size": .int(Int64(upload.partSize)), "parts": .object(parts),
                ]
            )
        }
        var document = JSONObject()
        document.append("version", 1)
        document.append("objects", .object(objectsJSON))
        document.append("multipart", .object(multipartJSON))
        var bytes: [UInt8] = []
        JSONValue.object(document).encodeJSON(into: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        do {
            try AtomicFile.write(Data(bytes), to: path, mode: 0o600, sync: true)
        } catch {
            throw StorageError(.io, message: "cannot save the upload ledger \(path) (\(error))")
        }
    }
}

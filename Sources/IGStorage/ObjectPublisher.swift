import Foundation
import IGCore
import IGGraph

/// Uploads the staged files of a publish, exactly once: each file under the staging root becomes the object
/// `BUCKET/KEY` its path names, in the order of the groups given (data, then the manifest, then the `_SUCCESS`
/// markers), each group's files in parallel.
///
/// The ledger records every object uploaded with its SHA-256 and every part of a multipart upload as it is
/// sent, so a publish killed anywhere resumes by skipping the objects already uploaded with the same digest and
/// sending only an upload's missing parts. Nothing is listed but the unfinished uploads of a key it is about to
/// upload, and nothing is deleted but those (igexport's own, orphaned by a killed process).
public struct ObjectPublisher: Sendable {
    public let client: S3Client
    /// The ledger's file (one per account, beside its state file).
    public let ledgerPath: String
    /// Uploads in flight at once (`http.concurrency`).
    public let concurrency: Int
    private let ledger: LedgerFile

    /// Creates a publisher.
    public init(client: S3Client, ledgerPath: String, concurrency: Int) {
        self.client = client
        self.ledgerPath = ledgerPath
        self.concurrency = max(1, concurrency)
        ledger = LedgerFile(path: ledgerPath)
    }

    /// Uploads every staged file of `groups`, group after group; local files are left alone. Returns the
    /// objects that were sent (those already uploaded with the same digest are not).
    @discardableResult
    public func upload(_ groups: [[String]]) async throws(StorageError) -> [ObjectLocation] {
        var sent: [ObjectLocation] = []
        for group in groups {
            let root = client.config.stagingRoot
            let objects = group.compactMap { path in ObjectLocation(stagingPath: path, root: root).map { ($0, path) } }
            do {
                sent += try await objects.boundedUpload(limit: concurrency) { location, path in
                    try await self.upload(path, as: location)
                }
            } catch let error as StorageError {
                throw error
            } catch {
                throw StorageError(.io, message: "upload interrupted: \(error)")
            }
        }
        return sent
    }

    /// Uploads one file unless the ledger has it with the same digest; returns whether it was sent.
    private func upload(_ path: String, as location: ObjectLocation) async throws(StorageError) -> Bool {
        let file = try StagedFile(path: path)
        defer { file.close() }
        let key = location.description
        // A single PUT needs both hashes of the whole file: one read gives them; a multipart upload hashes its parts.
        let whole =
            file.size <= UInt64(client.config.multipartThreshold)
            ? try file.digest(offset: 0, length: file.size, sha256: nil) : nil
        let sha256: String
        if let whole { sha256 = whole.sha256 } else { sha256 = try file.sha256() }
        let state = try ledger.read()
        if state.objects[key] == sha256 { return false }
        if let whole {
            try await client.put(location, body: file.body(offset: 0, length: file.size), digest: whole)
        } else {
            try await uploadMultipart(file, as: location, sha256: sha256, pending: state.multipart[key])
        }
        try ledger.update { ledger in
            ledger.objects[key] = sha256
            ledger.multipart[key] = nil
        }
        CrashPoint.betweenUploads.reach()
        return true
    }

    private func uploadMultipart(
        _ file: StagedFile,
        as location: ObjectLocation,
        sha256: String,
        pending: UploadLedger.Multipart?,
        restarted: Bool = false
    ) async throws(StorageError) {
        let key = location.description
        // S3 takes at most 10,000 parts: a file too large for the configured size gets larger parts.
        let partSize = max(client.config.partSize, Int((file.size + 9_999) / 10_000))
        var upload: UploadLedger.Multipart
        if let pending, pending.sha256 == sha256, pending.partSize == partSize {
            upload = pending
        } else {
            // An upload of this key that the ledger does not hold as current was begun by igexport (the key is
            // its own, under its output lock) and left by a process killed before it recorded or completed it:
            // for bytes that have changed since, or with its id never saved. None of it is of use any more.
            for orphan in try await client.multipartUploads(of: location) {
                try? await client.abortMultipartUpload(location, uploadID: orphan)
            }
            upload = UploadLedger.Multipart(
                uploadID: try await client.createMultipartUpload(location),
                sha256: sha256,
                partSize: partSize
            )
            try ledger.update { [upload] in $0.multipart[key] = upload }
        }
        let count = Int((file.size + UInt64(partSize) - 1) / UInt64(partSize))
        for number in 1...max(1, count) where upload.etags[number] == nil {
            let offset = UInt64(number - 1) * UInt64(partSize)
            let length = min(UInt64(partSize), file.size - offset)
            let digest = try file.digest(offset: offset, length: length, sha256: nil)
            let etag: String
            do {
                etag = try await client.uploadPart(
                    location,
                    uploadID: upload.uploadID,
                    number: number,
                    body: file.body(offset: offset, length: length),
                    digest: digest
                )
            } catch  where error.kind == .noSuchUpload && !restarted {
                // The upload expired or was aborted: start it over once, from its first part.
                try ledger.update { $0.multipart[key] = nil }
                try await uploadMultipart(file, as: location, sha256: sha256, pending: nil, restarted: true)
                return
            }
            upload.etags[number] = etag
            try ledger.update { [upload] in $0.multipart[key] = upload }
            CrashPoint.betweenParts.reach()
        }
        let parts = upload.etags.keys.sorted().map { (number: $0, etag: upload.etags[$0] ?? "") }
        do {
            try await client.completeMultipartUpload(location, uploadID: upload.uploadID, parts: parts)
        } catch  where error.kind == .noSuchUpload && !restarted {
            // Completed by a process killed before its ledger said so, or aborted by a lifecycle rule since:
            // the same bytes are uploaded again, once.
            try ledger.update { $0.multipart[key] = nil }
            try await uploadMultipart(file, as: location, sha256: sha256, pending: nil, restarted: true)
        }
    }
}

/// The ledger file, read and saved under one lock so that parallel uploads never lose each other's entries.
private final class LedgerFile: Sendable {
    let path: String
    private let cache = Locked<UploadLedger?>(nil)

    init(path: String) {
        self.path = path
    }

    func read() throws(StorageError) -> UploadLedger {
        try update { _ in }
    }

    /// Applies `change` and saves the ledger when `change` altered it; returns the ledger as it now is.
    @discardableResult
    func update(_ change: (inout UploadLedger) -> Void) throws(StorageError) -> UploadLedger {
        let result: Result<UploadLedger, StorageError> = cache.withLock { cached in
            do throws(StorageError) {
                let before: UploadLedger
                if let cached {
                    before = cached
                } else {
                    before = try UploadLedger.load(path)
                }
                var ledger = before
                change(&ledger)
                if ledger != before { try ledger.save(path) }
                cached = ledger
                return .success(ledger)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

extension Array where Element == (ObjectLocation, String) {
    /// Runs `body` on every element, at most `limit` at a time; returns the locations it returned true for.
    fileprivate func boundedUpload(
        limit: Int,
        _ body: @escaping @Sendable (ObjectLocation, String) async throws -> Bool
    ) async throws -> [ObjectLocation] {
        try await withThrowingTaskGroup(of: (ObjectLocation, Bool).self) { group in
            var pending = makeIterator()
            for _ in 0..<limit {
                guard let (location, path) = pending.next() else { break }
                group.addTask { (location, try await body(location, path)) }
            }
            var sent: [ObjectLocation] = []
            while let (location, didSend) = try await group.next() {
                if didSend { sent.append(location) }
                if let (next, path) = pending.next() {
                    group.addTask { (next, try await body(next, path)) }
                }
            }
            return sent
        }
    }
}

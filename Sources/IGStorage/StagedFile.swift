import Foundation
import IGCore
import IGGraph

/// A staged file opened for upload: its size, its digests, and regions of it as request bodies read as they
/// are sent.
final class StagedFile: Sendable {
    let path: String
    let descriptor: Int32
    let size: UInt64

    init(path: String) throws(StorageError) {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else {
            throw StorageError(.io, message: "cannot open the staged file \(path): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            Foundation.close(descriptor)
            throw StorageError(.io, message: "cannot read the staged file \(path): \(String(cString: strerror(errno)))")
        }
        size = UInt64(status.st_size)
    }

    func close() {
        Foundation.close(descriptor)
    }

    /// The hex SHA-256 of the whole file.
    func sha256() throws(StorageError) -> String {
        var hash = SHA256()
        try read(offset: 0, length: size) { hash.update($0) }
        return hash.hexDigest()
    }

    /// The digest of `length` bytes from `offset`; `sha256` when the caller knows it already.
    func digest(offset: UInt64, length: UInt64, sha256: String?) throws(StorageError) -> S3Client.Digest {
        var hash = SHA256()
        var md5 = MD5()
        try read(offset: offset, length: length) { chunk in
            if sha256 == nil { hash.update(chunk) }
            md5.update(chunk)
        }
        return S3Client.Digest(sha256: sha256 ?? hash.hexDigest(), md5: Data(md5.digest()).base64EncodedString())
    }

    /// The request body of `length` bytes from `offset`.
    func body(offset: UInt64, length: UInt64) -> HTTPRequest.Body {
        .file(descriptor: descriptor, offset: offset, length: length)
    }

    private func read(offset: UInt64, length: UInt64, _ consume: ([UInt8]) -> Void) throws(StorageError) {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var done: UInt64 = 0
        while done < length {
            let wanted = Int(min(UInt64(buffer.count), length - done))
            let count = buffer.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress, wanted, off_t(offset + done))
            }
            guard count > 0 else {
                let reason = count == 0 ? "it ended early" : String(cString: strerror(errno))
                throw StorageError(.io, message: "cannot read the staged file \(path): \(reason)")
            }
            consume(Array(buffer[0..<count]))
            done += UInt64(count)
        }
    }
}

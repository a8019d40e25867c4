extension CurlClient: FileDownloading {
    /// Fetches `url` (https, or plain http to loopback only) and streams a 200's body into `descriptor`; no
    /// header of the caller's is sent, so a CDN never sees a token.
    ///
    /// - Throws: `DownloadError.transfer` when the URL is refused or the transfer fails (`exceedsBodyLimit`
    ///   past `maximumBytes`); `DownloadError.write` when the file cannot take the bytes.
    public func download(
        _ url: String,
        to descriptor: Int32,
        maximumBytes: Int,
        bytesPerSecond: Int = 0
    ) async throws(DownloadError) -> DownloadResponse {
        let parts: URLParts
        let worker: CurlWorker
        do {
            parts = try Self.check(url)
            worker = try await checkOut()
        } catch {
            throw .transfer(error)
        }
        let result = await worker.download(
            url,
            parts: parts,
            to: descriptor,
            maximumBytes: maximumBytes,
            bytesPerSecond: bytesPerSecond
        )
        checkIn(worker)
        return try result.get()
    }
}

extension CurlWorker {
    func download(
        _ url: String,
        parts: URLParts,
        to descriptor: Int32,
        maximumBytes: Int,
        bytesPerSecond: Int
    ) async -> Result<DownloadResponse, DownloadError> {
        await withCheckedContinuation { continuation in
            queue.async { [handle] in
                continuation.resume(
                    returning: handle.download(
                        url,
                        parts: parts,
                        to: descriptor,
                        maximumBytes: maximumBytes,
                        bytesPerSecond: bytesPerSecond
                    )
                )
            }
        }
    }
}

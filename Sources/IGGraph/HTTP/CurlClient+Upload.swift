extension CurlClient {
    /// Sends `request` and returns the response, whatever its status; the same pool, limits and refusals
    /// (plain http only to loopback) as `get`.
    ///
    /// - Throws: `CurlError` when the URL is refused or the transfer fails (including a file that cannot be
    ///   read while it is sent).
    public func send(_ request: HTTPRequest) async throws(CurlError) -> HTTPResponse {
        let parts = try Self.check(request.url)
        let worker = try await checkOut()
        let result = await withCheckedContinuation { continuation in
            worker.queue.async { [handle = worker.handle] in
                continuation.resume(returning: handle.send(request, parts: parts))
            }
        }
        checkIn(worker)
        return try result.get()
    }
}

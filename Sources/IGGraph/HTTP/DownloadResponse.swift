/// The answer to a download: its status and headers, and how many bytes of a 200's body reached the file.
public struct DownloadResponse: Sendable, Equatable {
    /// The HTTP status.
    public var status: Int
    /// The response headers.
    public var headers: HTTPHeaders
    /// Bytes written to the file (0 unless the status is 200).
    public var bytes: UInt64

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders, bytes: UInt64) {
        self.status = status
        self.headers = headers
        self.bytes = bytes
    }
}

/// Why a download failed: the transfer (connection, TLS, timeout, a body cut short or too large), or the file
/// it was written to (`errno`, such as `ENOSPC`), which retrying the transfer cannot mend.
public enum DownloadError: Error, Sendable, Equatable {
    case transfer(CurlError)
    case write(errno: Int32)
}

/// What the media archive needs from HTTP: one URL's body streamed into a file.
public protocol FileDownloading: Sendable {
    /// Fetches `url` without credentials and writes a 200's body to `descriptor`.
    func download(
        _ url: String,
        to descriptor: Int32,
        maximumBytes: Int,
        bytesPerSecond: Int
    ) async throws(DownloadError) -> DownloadResponse
}

import CCurl
import IGCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension EasyHandle {
    /// Performs a GET whose body is written to `descriptor` (a 200's body only: the text of an error page is
    /// dropped); blocks the calling thread until the transfer ends.
    ///
    /// The body is taken as the server sends it (no `Accept-Encoding`), so that `Content-Length`, when given,
    /// is the number of bytes written; a body longer than `maximumBytes`, or whose length disagrees with
    /// `Content-Length`, is an error. `bytesPerSecond` above 0 caps the transfer's speed.
    func download(
        _ url: String,
        parts: URLParts,
        to descriptor: Int32,
        maximumBytes: Int,
        bytesPerSecond: Int
    ) -> Result<DownloadResponse, DownloadError> {
        let transfer = DownloadTransfer(descriptor: descriptor, maximumBytes: maximumBytes)
        errorBuffer[0] = 0
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        let code = withExtendedLifetime(transfer) { () -> CURLcode in
            var code = ccurl_easy_setopt_string(raw, CURLOPT_URL, url)
            if code == CURLE_OK { code = ccurl_easy_setopt_string(raw, CURLOPT_NOPROXY, parts.isLoopback ? "*" : nil) }
            // No Accept-Encoding: the file is the bytes the CDN holds, and Content-Length counts them.
            if code == CURLE_OK { code = ccurl_easy_setopt_string(raw, CURLOPT_ACCEPT_ENCODING, nil) }
            if code == CURLE_OK {
                code = ccurl_easy_setopt_off_t(raw, CURLOPT_MAX_RECV_SPEED_LARGE, curl_off_t(max(0, bytesPerSecond)))
            }
            if code == CURLE_OK { code = ccurl_easy_setopt_write_callback(raw, CURLOPT_WRITEFUNCTION, writeFile) }
            if code == CURLE_OK { code = ccurl_easy_setopt_write_callback(raw, CURLOPT_HEADERFUNCTION, readHeader) }
            if code == CURLE_OK { code = ccurl_easy_setopt_pointer(raw, CURLOPT_WRITEDATA, context) }
            if code == CURLE_OK { code = ccurl_easy_setopt_pointer(raw, CURLOPT_HEADERDATA, context) }
            if code == CURLE_OK { code = curl_easy_perform(raw) }
            return code
        }
        // The handle goes back to the pool as `get` expects to find it.
        _ = ccurl_easy_setopt_string(raw, CURLOPT_ACCEPT_ENCODING, "")
        _ = ccurl_easy_setopt_off_t(raw, CURLOPT_MAX_RECV_SPEED_LARGE, 0)
        _ = ccurl_easy_setopt_write_callback(raw, CURLOPT_WRITEFUNCTION, writeBody)
        _ = ccurl_easy_setopt_write_callback(raw, CURLOPT_HEADERFUNCTION, writeHeader)
        _ = ccurl_easy_setopt_pointer(raw, CURLOPT_WRITEDATA, nil)
        _ = ccurl_easy_setopt_pointer(raw, CURLOPT_HEADERDATA, nil)
        if let failure = transfer.writeErrno { return .failure(.write(errno: failure)) }
        if transfer.exceededLimit {
            return .failure(
                .transfer(
                    CurlError(
                        code: Int(code.rawValue),
                        message: "the file is larger than the \(maximumBytes)-byte cap; the transfer was stopped "
                            + "(GET \(parts.withoutQuery))",
                        exceedsBodyLimit: true
                    )
                )
            )
        }
        guard code == CURLE_OK else { return .failure(.transfer(error(code, parts: parts))) }
        var status = 0
        _ = ccurl_easy_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &status)
        if status == 200, let declared = transfer.headers["Content-Length"].flatMap({ UInt64($0) }),
            declared != transfer.written
        {
            return .failure(
                .transfer(
                    CurlError(
                        code: Int(CURLE_PARTIAL_FILE.rawValue),
                        message: "Content-Length says \(declared) bytes but \(transfer.written) came "
                            + "(GET \(parts.withoutQuery))"
                    )
                )
            )
        }
        return .success(DownloadResponse(status: status, headers: transfer.headers, bytes: transfer.written))
    }
}

/// What one download has received so far; libcurl's callbacks reach it through their `userdata` pointer.
private final class DownloadTransfer {
    let descriptor: Int32
    let maximumBytes: Int
    var headers = HTTPHeaders()
    /// The status of the response being received, from its status line.
    var status = 0
    var written: UInt64 = 0
    var exceededLimit = false
    var writeErrno: Int32?

    init(descriptor: Int32, maximumBytes: Int) {
        self.descriptor = descriptor
        self.maximumBytes = maximumBytes
    }
}

/// CURLOPT_WRITEFUNCTION of a download: writes a 200's body to the file, drops any other status's body, and
/// stops the transfer (a short count) past the size cap or when the file cannot take the bytes.
private let writeFile: ccurl_write_callback = { data, size, count, context in
    let length = size * count
    let transfer = Unmanaged<DownloadTransfer>.fromOpaque(context!).takeUnretainedValue()
    guard transfer.status == 200 else { return length }
    guard UInt64(length) <= UInt64(transfer.maximumBytes) - min(transfer.written, UInt64(transfer.maximumBytes))
    else {
        transfer.exceededLimit = true
        return 0
    }
    var done = 0
    while done < length {
        let count = write(transfer.descriptor, data! + done, length - done)
        if count < 0 {
            if errno == EINTR { continue }
            transfer.writeErrno = errno
            return 0
        }
        done += count
    }
    transfer.written += UInt64(length)
    return length
}

/// CURLOPT_HEADERFUNCTION of a download: the status line starts a new response; the rest are its headers.
private let readHeader: ccurl_write_callback = { data, size, count, context in
    let length = size * count
    let transfer = Unmanaged<DownloadTransfer>.fromOpaque(context!).takeUnretainedValue()
    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    if line.hasPrefix("HTTP/") {
        transfer.headers = HTTPHeaders()
        let parts = line.split(separator: " ", maxSplits: 2)
        transfer.status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].filter { !$0.isWhitespace }
        let value = line[line.index(after: colon)...].drop(while: \.isWhitespace)
        transfer.headers.append(
            name: String(name),
            value: String(value.reversed().drop(while: \.isWhitespace).reversed())
        )
    }
    return length
}

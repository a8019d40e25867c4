import CCurl
import IGCore

/// One libcurl easy handle with the client's settings applied; reused request after request so that its
/// connection cache keeps connections (and TLS sessions) alive.
///
/// Invariant behind `@unchecked Sendable`: a handle is only used on its `CurlWorker`'s serial queue, so
/// libcurl never sees it from two threads at once (libcurl-thread(3)).
final class EasyHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer
    /// libcurl writes its detailed error text here (CURLOPT_ERRORBUFFER); it lives as long as the handle.
    let errorBuffer: UnsafeMutablePointer<CChar>
    let maximumBodySize: Int

    init(configuration: CurlClient.Configuration) throws(CurlError) {
        guard let raw = curl_easy_init() else {
            throw CurlError(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init failed")
        }
        self.raw = raw
        maximumBodySize = configuration.maximumBodySize
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        try configure(configuration)
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    private func configure(_ configuration: CurlClient.Configuration) throws(CurlError) {
        // Worker threads must not let libcurl use signals for DNS timeouts (libcurl-thread(3)).
        try check(ccurl_easy_setopt_long(raw, CURLOPT_NOSIGNAL, 1))
        try check(ccurl_easy_setopt_pointer(raw, CURLOPT_ERRORBUFFER, errorBuffer))
        try check(ccurl_easy_setopt_string(raw, CURLOPT_PROTOCOLS_STR, "http,https"))
        try check(ccurl_easy_setopt_long(raw, CURLOPT_FOLLOWLOCATION, 0))
        if ccurl_supports_http2() != 0 {
            try check(ccurl_easy_setopt_long(raw, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)))
        }
        // An empty string offers every encoding this libcurl was built with (gzip, deflate, br, zstd here).
        try check(ccurl_easy_setopt_string(raw, CURLOPT_ACCEPT_ENCODING, ""))
        try check(ccurl_easy_setopt_string(raw, CURLOPT_USERAGENT, configuration.userAgent))
        try check(ccurl_easy_setopt_long(raw, CURLOPT_TIMEOUT_MS, configuration.timeout.milliseconds))
        try check(ccurl_easy_setopt_long(raw, CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.milliseconds))
        try check(ccurl_easy_setopt_long(raw, CURLOPT_LOW_SPEED_LIMIT, configuration.lowSpeedLimit))
        let lowSpeedSeconds = max(1, Int(configuration.lowSpeedTime.components.seconds))
        try check(ccurl_easy_setopt_long(raw, CURLOPT_LOW_SPEED_TIME, lowSpeedSeconds))
        try check(ccurl_easy_setopt_long(raw, CURLOPT_TCP_KEEPALIVE, 1))
        try check(ccurl_easy_setopt_write_callback(raw, CURLOPT_WRITEFUNCTION, writeBody))
        try check(ccurl_easy_setopt_write_callback(raw, CURLOPT_HEADERFUNCTION, writeHeader))
    }

    /// Performs a GET; blocks the calling thread until the transfer ends.
    func get(_ url: String, parts: URLParts, headers: [(String, String)]) -> Result<HTTPResponse, CurlError> {
        let transfer = Transfer(maximumBodySize: maximumBodySize)
        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in headers {
            list = curl_slist_append(list, "\(name): \(value)")
        }
        defer { curl_slist_free_all(list) }
        errorBuffer[0] = 0
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        let code = withExtendedLifetime(transfer) { () -> CURLcode in
            var code = ccurl_easy_setopt_string(raw, CURLOPT_URL, url)
            // A proxy from the environment must not intercept requests to this machine.
            if code == CURLE_OK { code = ccurl_easy_setopt_string(raw, CURLOPT_NOPROXY, parts.isLoopback ? "*" : nil) }
            if code == CURLE_OK { code = ccurl_easy_setopt_slist(raw, CURLOPT_HTTPHEADER, list) }
            if code == CURLE_OK { code = ccurl_easy_setopt_pointer(raw, CURLOPT_WRITEDATA, context) }
            if code == CURLE_OK { code = ccurl_easy_setopt_pointer(raw, CURLOPT_HEADERDATA, context) }
            if code == CURLE_OK { code = curl_easy_perform(raw) }
            return code
        }
        // Nothing may point at the freed list or the finished transfer once this call returns.
        _ = ccurl_easy_setopt_slist(raw, CURLOPT_HTTPHEADER, nil)
        _ = ccurl_easy_setopt_pointer(raw, CURLOPT_WRITEDATA, nil)
        _ = ccurl_easy_setopt_pointer(raw, CURLOPT_HEADERDATA, nil)
        if transfer.exceededLimit {
            return .failure(
                CurlError(
                    code: Int(code.rawValue),
                    message: "the response body is larger than http.max_body (\(maximumBodySize) bytes decoded); "
                        + "the transfer was stopped (GET \(parts.withoutQuery))",
                    exceedsBodyLimit: true
                )
            )
        }
        guard code == CURLE_OK else {
            return .failure(error(code, parts: parts))
        }
        var status = 0
        var connects = 0
        _ = ccurl_easy_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &status)
        _ = ccurl_easy_getinfo_long(raw, CURLINFO_NUM_CONNECTS, &connects)
        return .success(
            HTTPResponse(
                status: status,
                headers: transfer.headers,
                body: transfer.body,
                reusedConnection: connects == 0
            )
        )
    }

    private func check(_ code: CURLcode) throws(CurlError) {
        guard code == CURLE_OK else {
            throw CurlError(code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code)))
        }
    }

    /// The error for a failed transfer: libcurl's detailed text when it left one, else its generic text. Any
    /// query that slipped into the text is cut, since the token travels there.
    func error(_ code: CURLcode, parts: URLParts) -> CurlError {
        var text = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        if let query = parts.query, !query.isEmpty {
            text = text.replacing(query, with: "<redacted>")
        }
        if let mark = text.firstIndex(of: "?") {
            text = String(text[..<mark])
        }
        return CurlError(code: Int(code.rawValue), message: "\(text) (GET \(parts.withoutQuery))")
    }
}

/// What one transfer has received so far; libcurl's callbacks reach it through their `userdata` pointer.
final class Transfer {
    var body: [UInt8] = []
    var headers = HTTPHeaders()
    let maximumBodySize: Int
    /// Set when the body grew past `maximumBodySize` and the write callback stopped the transfer.
    var exceededLimit = false

    init(maximumBodySize: Int) {
        self.maximumBodySize = maximumBodySize
    }
}

/// CURLOPT_WRITEFUNCTION: appends a chunk of the (decompressed) body, or stops the transfer (by returning a
/// short count, which libcurl reports as CURLE_WRITE_ERROR) once the body would pass the limit.
let writeBody: ccurl_write_callback = { data, size, count, context in
    let length = size * count
    let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
    guard length <= transfer.maximumBodySize - transfer.body.count else {
        transfer.exceededLimit = true
        return 0
    }
    transfer.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
    return length
}

/// CURLOPT_HEADERFUNCTION: libcurl calls it once per complete header line, status lines included.
let writeHeader: ccurl_write_callback = { data, size, count, context in
    let length = size * count
    let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    if line.hasPrefix("HTTP/") {
        // A new status line starts a new response (after `100 Continue` or a proxy's CONNECT reply).
        transfer.headers = HTTPHeaders()
    } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].trimmingWhitespace()
        let value = line[line.index(after: colon)...].trimmingWhitespace()
        transfer.headers.append(name: String(name), value: String(value))
    }
    return length
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        // `isWhitespace`, not a comparison with "\r" and "\n": a line's "\r\n" is a single Character.
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else {
            return ""
        }
        return self[first...last]
    }
}

extension Duration {
    /// The duration in whole milliseconds, for libcurl's `long` options.
    fileprivate var milliseconds: Int {
        Int(components.seconds) * 1000 + Int(components.attoseconds / 1_000_000_000_000_000)
    }
}

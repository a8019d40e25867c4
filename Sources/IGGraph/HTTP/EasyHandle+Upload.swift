import CCurl
import Foundation
import IGCore

extension EasyHandle {
    /// Performs `request` (any method, a body from memory or a file region, optionally signed); blocks the
    /// calling thread until the transfer ends. The handle is left as `get` expects it: a GET without body.
    func send(_ request: HTTPRequest, parts: URLParts) -> Result<HTTPResponse, CurlError> {
        let transfer = Transfer(maximumBodySize: maximumBodySize)
        let source = UploadSource(request.body)
        var list: UnsafeMutablePointer<curl_slist>?
        // No `Expect:` override: libcurl 7.88 would sign the empty header it then leaves out, and S3 answers
        // `100 Continue` anyway.
        for (name, value) in request.headers {
            list = curl_slist_append(list, "\(name): \(value)")
        }
        defer { curl_slist_free_all(list) }
        errorBuffer[0] = 0
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        let sourceContext = Unmanaged.passUnretained(source).toOpaque()
        let code = withExtendedLifetime((transfer, source)) { () -> CURLcode in
            var steps: [() -> CURLcode] = [
                { ccurl_easy_setopt_string(self.raw, CURLOPT_URL, request.url) },
                { ccurl_easy_setopt_string(self.raw, CURLOPT_NOPROXY, parts.isLoopback ? "*" : nil) },
                { ccurl_easy_setopt_slist(self.raw, CURLOPT_HTTPHEADER, list) },
                { ccurl_easy_setopt_pointer(self.raw, CURLOPT_WRITEDATA, context) },
                { ccurl_easy_setopt_pointer(self.raw, CURLOPT_HEADERDATA, context) },
            ]
            if let signing = request.signing {
                steps.append { ccurl_easy_setopt_string(self.raw, CURLOPT_AWS_SIGV4, signing.provider) }
                steps.append {
                    ccurl_easy_setopt_string(
                        self.raw,
                        CURLOPT_USERPWD,
                        "\(signing.accessKey.value):\(signing.secretKey.value)"
                    )
                }
            }
            switch request.method {
            case "GET":
                break
            case "PUT", "POST":
                steps.append { ccurl_easy_setopt_long(self.raw, CURLOPT_UPLOAD, 1) }
                steps.append {
                    ccurl_easy_setopt_off_t(self.raw, CURLOPT_INFILESIZE_LARGE, curl_off_t(request.body.length))
                }
                steps.append { ccurl_easy_setopt_read_callback(self.raw, CURLOPT_READFUNCTION, readBody) }
                steps.append { ccurl_easy_setopt_pointer(self.raw, CURLOPT_READDATA, sourceContext) }
                if request.method == "POST" {
                    steps.append { ccurl_easy_setopt_string(self.raw, CURLOPT_CUSTOMREQUEST, "POST") }
                }
            default:
                steps.append { ccurl_easy_setopt_string(self.raw, CURLOPT_CUSTOMREQUEST, request.method) }
            }
            steps.append { curl_easy_perform(self.raw) }
            for step in steps {
                let code = step()
                if code != CURLE_OK { return code }
            }
            return CURLE_OK
        }
        // Back to a plain GET, with nothing pointing at this call's list, transfer, source or credentials.
        _ = ccurl_easy_setopt_long(raw, CURLOPT_HTTPGET, 1)
        _ = ccurl_easy_setopt_string(raw, CURLOPT_CUSTOMREQUEST, nil)
        _ = ccurl_easy_setopt_string(raw, CURLOPT_AWS_SIGV4, nil)
        _ = ccurl_easy_setopt_string(raw, CURLOPT_USERPWD, nil)
        _ = ccurl_easy_setopt_pointer(raw, CURLOPT_READDATA, nil)
        _ = ccurl_easy_setopt_slist(raw, CURLOPT_HTTPHEADER, nil)
        _ = ccurl_easy_setopt_pointer(raw, CURLOPT_WRITEDATA, nil)
        _ = ccurl_easy_setopt_pointer(raw, CURLOPT_HEADERDATA, nil)
        let place = "\(request.method) \(parts.withoutQuery)"
        if transfer.exceededLimit {
            return .failure(
                CurlError(code: Int(code.rawValue), message: "the response body is too large (\(place))")
            )
        }
        if let failure = source.failure {
            return .failure(
                CurlError(code: Int(code.rawValue), message: "cannot read the upload: \(failure) (\(place))")
            )
        }
        guard code == CURLE_OK else {
            let text = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
            return .failure(CurlError(code: Int(code.rawValue), message: "\(text) (\(place))"))
        }
        var status = 0
        _ = ccurl_easy_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: transfer.headers, body: transfer.body))
    }
}

/// Where an upload's bytes come from; the read callback reaches it through its `userdata` pointer.
private final class UploadSource {
    let body: HTTPRequest.Body
    /// The number of bytes handed to libcurl so far.
    var sent: UInt64 = 0
    /// Why reading the file failed, when it did; the transfer is then aborted.
    var failure: String?

    init(_ body: HTTPRequest.Body) {
        self.body = body
    }
}

/// CURLOPT_READFUNCTION: copies the next bytes of the body; 0 ends it, CURL_READFUNC_ABORT stops the transfer
/// when the file cannot be read (a body shorter than announced would otherwise hang until the timeout).
private let readBody: ccurl_read_callback = { buffer, size, count, context in
    let source = Unmanaged<UploadSource>.fromOpaque(context!).takeUnretainedValue()
    let room = UInt64(size * count)
    let remaining = source.body.length - source.sent
    let wanted = Int(min(room, remaining))
    guard wanted > 0, let buffer else { return 0 }
    switch source.body {
    case .none:
        return 0
    case .bytes(let bytes):
        let start = Int(source.sent)
        bytes.withUnsafeBytes { raw in
            UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress! + start, byteCount: wanted)
        }
        source.sent += UInt64(wanted)
        return wanted
    case .file(let descriptor, let offset, _):
        let read = pread(descriptor, buffer, wanted, off_t(offset + source.sent))
        guard read > 0 else {
            source.failure = read == 0 ? "the file ended early" : String(cString: strerror(errno))
            return Int(CURL_READFUNC_ABORT)
        }
        source.sent += UInt64(read)
        return read
    }
}

import CCurl
import Foundation

/// A bare HTTP client over one libcurl easy handle, so that requests reuse one keep-alive connection as a real
/// exporter's would. One per test; never shared between threads.
final class TestClient {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        /// libcurl's result: 0 when the whole answer arrived.
        var curlCode: Int

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The body as JSON, or nil when it does not parse (a truncated answer).
        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        }

        var error: [String: Any]? { json?["error"] as? [String: Any] }
        var errorCode: Int? { error?["code"] as? Int }
        var data: [[String: Any]] { json?["data"] as? [[String: Any]] ?? [] }
        var paging: [String: Any]? { json?["paging"] as? [String: Any] }
        var next: String? { paging?["next"] as? String }
    }

    private final class Sink {
        var body: [UInt8] = []
        var headers: [String: String] = [:]
    }

    private let handle: UnsafeMutableRawPointer

    init() {
        _ = ccurl_global_init()
        handle = curl_easy_init()
        _ = ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, 10_000)
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    func get(_ url: String, headers: [String] = []) -> Response {
        let sink = Sink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        _ = ccurl_easy_setopt_string(handle, CURLOPT_URL, url)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_HTTPGET, 1)
        _ = ccurl_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            data!.withMemoryRebound(to: UInt8.self, capacity: length) {
                sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
            }
            return length
        }
        _ = ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = ccurl_easy_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            let line = data!.withMemoryRebound(to: UInt8.self, capacity: length) {
                String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
            }
            if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                sink.headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return length
        }
        _ = ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for header in headers {
            list = curl_slist_append(list, header)
        }
        _ = ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        let code = curl_easy_perform(handle)
        curl_slist_free_all(list)
        var status = 0
        _ = ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return Response(status: status, headers: sink.headers, body: sink.body, curlCode: Int(code.rawValue))
    }
}

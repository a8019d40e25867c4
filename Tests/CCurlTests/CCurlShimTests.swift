import CCurl
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The shims against a real transfer: a one-connection HTTP server on loopback, started by each test.
@Suite struct CCurlShimTests {
    /// Accepts one connection, reads the request head, then answers `hello` (a 200), or with `stalls` never
    /// answers and waits for the client to hang up.
    final class OneShotServer: @unchecked Sendable {
        let port: Int
        private let listener: Int32
        private let lock = NSLock()
        private var head = ""

        init(stalls: Bool = false) throws {
            let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let ready = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(listener, $0, length) == 0 && listen(listener, 1) == 0
                        && getsockname(listener, $0, &length) == 0
                }
            }
            guard listener >= 0, ready else { throw POSIXError(.EADDRNOTAVAIL) }
            self.listener = listener
            port = Int(UInt16(bigEndian: address.sin_port))
            Thread { [self] in serve(stalls: stalls) }.start()
        }

        /// The request head received, once the response has been sent.
        var requestHead: String {
            lock.lock()
            defer { lock.unlock() }
            return head
        }

        private func serve(stalls: Bool) {
            defer { close(listener) }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            defer { close(connection) }
            var received: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1024)
            while !String(decoding: received, as: UTF8.self).contains("\r\n\r\n") {
                let count = recv(connection, &chunk, chunk.count, 0)
                guard count > 0 else { return }
                received += chunk[..<count]
            }
            lock.lock()
            head = String(decoding: received, as: UTF8.self)
            lock.unlock()
            if stalls {
                while recv(connection, &chunk, chunk.count, 0) > 0 {}
                return
            }
            let response = Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello".utf8)
            _ = response.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
    }

    /// Collects the body through CURLOPT_WRITEDATA.
    final class Body {
        var bytes: [UInt8] = []
    }

    private static let collect: ccurl_write_callback = { data, size, count, context in
        let body = Unmanaged<Body>.fromOpaque(context!).takeUnretainedValue()
        body.bytes.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size * count))
        return size * count
    }

    /// Runs a GET with a custom header and a total timeout set through the shims.
    private func get(port: Int, timeoutMilliseconds: Int) -> (code: CURLcode, status: Int, body: [UInt8]) {
        #expect(ccurl_global_init() == CURLE_OK)
        let handle = curl_easy_init()!
        defer { curl_easy_cleanup(handle) }
        let body = Body()
        let headers = curl_slist_append(nil, "X-Shim-Test: 42")
        defer { curl_slist_free_all(headers) }
        let context = Unmanaged.passUnretained(body).toOpaque()
        #expect(ccurl_easy_setopt_string(handle, CURLOPT_URL, "http://127.0.0.1:\(port)/probe?q=1") == CURLE_OK)
        #expect(ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1) == CURLE_OK)
        #expect(ccurl_easy_setopt_string(handle, CURLOPT_NOPROXY, "*") == CURLE_OK)
        #expect(ccurl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, timeoutMilliseconds) == CURLE_OK)
        #expect(ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headers) == CURLE_OK)
        #expect(ccurl_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, Self.collect) == CURLE_OK)
        #expect(ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context) == CURLE_OK)
        let code = withExtendedLifetime(body) { curl_easy_perform(handle) }
        var status = 0
        _ = ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return (code, status, body.bytes)
    }

    @Test func performsAGetWithAHeaderSetThroughTheShims() throws {
        let server = try OneShotServer()
        let result = get(port: server.port, timeoutMilliseconds: 5_000)
        #expect(result.code == CURLE_OK)
        #expect(result.status == 200)
        #expect(result.body == Array("hello".utf8))
        #expect(server.requestHead.hasPrefix("GET /probe?q=1 HTTP/1.1\r\n"))
        #expect(server.requestHead.contains("X-Shim-Test: 42\r\n"))
    }

    @Test func stopsAtTheTimeoutSetThroughTheShims() throws {
        let server = try OneShotServer(stalls: true)
        let result = get(port: server.port, timeoutMilliseconds: 200)
        // The server never answers: the client gave up on its own, by its timeout.
        #expect(result.code == CURLE_OPERATION_TIMEDOUT)
    }
}

import CCurl
import IGCore

/// libcurl's one-time global setup, run lazily by the first client; Swift runs a global's initialiser once.
private let curlGlobalInitCode: UInt32 = ccurl_global_init().rawValue

/// An HTTP client over libcurl for GET requests that return whole bodies.
///
/// It keeps a small pool of easy handles, each confined to its own serial queue and reused request after
/// request, so connections stay alive and HTTP/2 is used where TLS servers offer it. TLS is always verified;
/// plain `http://` is refused except to loopback (the built-in emulator and tests). Proxy environment variables
/// (`https_proxy`, `no_proxy`, …) are honoured as libcurl does, except for loopback.
public final class CurlClient: Sendable {
    /// The settings shared by every handle.
    public struct Configuration: Sendable, Equatable {
        /// Sent as `User-Agent`.
        public var userAgent: String
        /// The limit on one whole request.
        public var timeout: Duration
        /// The limit on establishing a connection (TLS included).
        public var connectTimeout: Duration
        /// A transfer slower than `lowSpeedLimit` bytes per second for this long is abandoned.
        public var lowSpeedTime: Duration
        /// See `lowSpeedTime`.
        public var lowSpeedLimit: Int
        /// The number of easy handles, hence of requests in flight at once.
        public var maximumConnections: Int
        /// The largest decoded body accepted, in bytes; the transfer is stopped past it.
        public var maximumBodySize: Int

        /// Settings from the pipeline's `http:` section; `version` goes into the user agent (`igexport/0.1.0`).
        public init(version: String, http: HTTPConfig) {
            userAgent = "igexport/\(version)"
            timeout = http.timeout
            connectTimeout = http.connectTimeout
            lowSpeedTime = min(http.timeout, .seconds(30))
            lowSpeedLimit = 1
            maximumConnections = max(1, http.concurrency)
            maximumBodySize = max(0, http.maxBody)
        }
    }

    private struct Pool {
        var idle: [CurlWorker] = []
        var created = 0
        var waiting: [CheckedContinuation<CurlWorker, Never>] = []
    }

    /// The settings every handle was created with.
    public let configuration: Configuration
    private let pool = Locked(Pool())

    /// Creates a client; handles are created on first use, up to `configuration.maximumConnections`.
    public init(configuration: Configuration) throws(CurlError) {
        guard curlGlobalInitCode == CURLE_OK.rawValue else {
            throw CurlError(code: Int(curlGlobalInitCode), message: "curl_global_init failed")
        }
        self.configuration = configuration
    }

    /// Fetches `url` and returns the response, whatever its status.
    ///
    /// - Throws: `CurlError` when the URL is refused (not http or https, or plain http to a host that is not
    ///   loopback) or the transfer fails (connection, TLS, timeout, a body cut short, a decoded body longer
    ///   than `maximumBodySize`, which sets `exceedsBodyLimit`).
    public func get(_ url: String, headers: [(String, String)] = []) async throws(CurlError) -> HTTPResponse {
        let parts = try Self.check(url)
        let worker = try await checkOut()
        let result = await worker.get(url, parts: parts, headers: headers)
        checkIn(worker)
        return try result.get()
    }

    static func check(_ url: String) throws(CurlError) -> URLParts {
        guard let parts = URLParts(url) else {
            throw CurlError(code: Int(CURLE_URL_MALFORMAT.rawValue), message: "not an absolute URL: \(redacted(url))")
        }
        switch parts.scheme {
        case "https":
            return parts
        case "http" where parts.isLoopback:
            return parts
        case "http":
            throw CurlError(
                code: Int(CURLE_UNSUPPORTED_PROTOCOL.rawValue),
                message: "refusing plain http:// to \(parts.host): use https:// (plain http is allowed only to "
                    + "loopback: localhost, 127.0.0.0/8, [::1])"
            )
        default:
            throw CurlError(
                code: Int(CURLE_UNSUPPORTED_PROTOCOL.rawValue),
                message: "unsupported scheme \(parts.scheme):// in \(parts.withoutQuery): use https://"
            )
        }
    }

    func checkOut() async throws(CurlError) -> CurlWorker {
        enum Next {
            case use(CurlWorker)
            case create(Int)
            case wait
        }
        let next: Next = pool.withLock { pool in
            if let worker = pool.idle.popLast() { return .use(worker) }
            guard pool.created < configuration.maximumConnections else { return .wait }
            pool.created += 1
            return .create(pool.created)
        }
        switch next {
        case .use(let worker):
            return worker
        case .create(let number):
            do {
                return try CurlWorker(configuration: configuration, number: number)
            } catch {
                pool.withLock { $0.created -= 1 }
                throw error
            }
        case .wait:
            return await withCheckedContinuation { continuation in
                let worker: CurlWorker? = pool.withLock { pool in
                    if let worker = pool.idle.popLast() { return worker }
                    pool.waiting.append(continuation)
                    return nil
                }
                if let worker {
                    continuation.resume(returning: worker)
                }
            }
        }
    }

    func checkIn(_ worker: CurlWorker) {
        let waiter: CheckedContinuation<CurlWorker, Never>? = pool.withLock { pool in
            guard !pool.waiting.isEmpty else {
                pool.idle.append(worker)
                return nil
            }
            return pool.waiting.removeFirst()
        }
        waiter?.resume(returning: worker)
    }
}

import IGCore
import Logging

/// A client for the Graph API (graph.instagram.com or the emulator) that turns responses into values or
/// classified `GraphError`s, and applies the retry policy of DESIGN.md guarantee 4.
///
/// - Transient failures (codes 1 and 2, 5xx, network errors, truncated or invalid JSON) are retried with
///   exponential backoff and full jitter, up to `maxAttempts` requests.
/// - "Reduce the amount of data" halves the page size (not below 10) and retries at once.
/// - Throttling waits `estimated_time_to_regain_access` when the usage headers give it, else backs off; a wait
///   longer than `maxWait` throws at once with `retryAfter` set.
/// - Above 80 % usage every request is preceded by a pause that grows with the usage.
/// - Auth, permission, cursor and other errors are thrown at the first refusal.
///
/// Every retry and wait is logged with the redacted URL and counted in `counters`. Copies share the counters.
public struct GraphClient: Sendable {
    /// Waits for a duration; injected so that tests need not wait.
    public typealias Sleep = @Sendable (Duration) async -> Void

    /// The API's base URL, such as `https://graph.instagram.com`.
    public let api: String
    /// The version path segment, such as `v23.0`.
    public let apiVersion: String
    /// How failures and throttling are handled.
    public let policy: RetryPolicy
    /// What this client (and its copies) have done so far.
    public let counters: RequestCounters
    private let http: CurlClient
    let token: Secret
    private let logger: Logger
    private let sleep: Sleep
    private let random: Locked<any RandomNumberGenerator & Sendable>
    /// The usage percentage of the latest response that reported one.
    private let usage = Locked(0)
    /// The page size each edge settled on after the API asked for less data, so later pages start there.
    let acceptedPageSizes = Locked<[String: Int]>([:])

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - sleep: how to wait; tests pass one that records the durations and returns at once.
    ///   - randomNumberGenerator: the source of backoff jitter; tests pass a seeded one.
    public init(
        http: CurlClient,
        api: String,
        apiVersion: String,
        token: Secret,
        retry: RetryConfig,
        logger: Logger,
        counters: RequestCounters = RequestCounters(),
        sleep: @escaping Sleep = { try? await Task.sleep(for: $0) },
        randomNumberGenerator: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    ) {
        self.http = http
        self.api = api
        self.apiVersion = apiVersion
        self.token = token
        self.policy = RetryPolicy(retry)
        self.logger = logger
        self.counters = counters
        self.sleep = sleep
        self.random = Locked(randomNumberGenerator)
    }

    /// Fetches a node such as `/me`, with `parameters` (for example `fields`) in order.
    public func get(_ path: String, parameters: [(String, String)] = []) async throws(GraphError) -> GraphResponse {
        try await send(path, parameters: parameters, limit: nil).response
    }

    /// One page, with `query` already holding the `limit` parameter, and the page size the API accepted (smaller
    /// than `limit` when it asked for less data).
    func page(_ path: String, query: [(String, String)], limit: Int) async throws(GraphError) -> (
        page: EdgePage, limit: Int
    ) {
        let (response, acceptedLimit) = try await send(path, parameters: query, limit: limit)
        guard let object = response.value.objectValue, let data = object["data"]?.arrayValue else {
            throw GraphError(category: .badData, message: "the response to GET \(path) has no `data` array")
        }
        let paging = object["paging"]?.objectValue
        let next = paging?["next"]?.stringValue
        var cursor = paging?["cursors"]?.objectValue?["after"]?.stringValue
        if cursor == nil, let next {
            cursor = Self.queryValue(named: "after", in: next)
        }
        var nextUntil: Int64?
        if let next, cursor == nil {
            // A time-windowed request may be answered with time-based links: go on by `until`, taken alone.
            let windowed = query.contains { $0.0 == "until" || $0.0 == "since" }
            guard windowed, let until = Self.queryValue(named: "until", in: next).flatMap({ Int64($0) }) else {
                throw GraphError(
                    category: .badData,
                    message: "the response to GET \(path) announces a next page but carries no `after` cursor"
                )
            }
            nextUntil = until
        }
        var objects: [JSONObject] = []
        objects.reserveCapacity(data.count)
        for item in data {
            guard let object = item.objectValue else {
                throw GraphError(category: .badData, message: "the response to GET \(path) has a non-object in `data`")
            }
            objects.append(object)
        }
        return (
            EdgePage(data: objects, after: next == nil ? nil : cursor, nextUntil: nextUntil), acceptedLimit ?? limit
        )
    }

    // MARK: Retry loop

    private func send(
        _ path: String,
        parameters: [(String, String)],
        limit initialLimit: Int?
    ) async throws(GraphError) -> (response: GraphResponse, limit: Int?) {
        try Self.checkPath(path)
        var parameters = parameters
        var limit = initialLimit
        var requests = 0
        var failures = 0
        var retry = 0
        while true {
            await slowDownIfBusy(path: path)
            guard !Task.isCancelled else {
                throw GraphError(category: .other, message: "cancelled before GET \(path)")
            }
            let url = url(path, parameters: parameters)
            requests += 1
            var error: GraphError
            switch await attempt(url) {
            case .success(let response): return (response, limit)
            case .failure(let failure): error = failure
            }
            error.request = redacted(url)
            error.attempts = requests

            if error.category == .reduceData {
                if let current = limit, let smaller = policy.reducedPageSize(from: current) {
                    limit = smaller
                    parameters = parameters.map { $0.0 == "limit" ? ("limit", String(smaller)) : $0 }
                    counters.update { $0.pageSizeReductions += 1 }
                    logger.warning(
                        "The API asked for less data; halving the page size",
                        metadata: ["url": "\(redacted(url))", "limit": "\(current)", "new_limit": "\(smaller)"]
                    )
                    continue
                }
                error.category = .transient
            }

            switch error.category {
            case .transient,
                .badData where error.isTransient:
                failures += 1
                guard failures < policy.maxAttempts else { throw error }
                let delay = backoff(retry)
                retry += 1
                counters.update {
                    $0.retries += 1
                    $0.backoffWaited += delay
                }
                logger.warning(
                    "Retrying after a temporary failure",
                    metadata: [
                        "url": "\(redacted(url))", "attempt": "\(requests)", "delay": "\(delay)",
                        "error": "\(error)",
                    ]
                )
                await sleep(delay)
            case .throttled:
                failures += 1
                let wait: Duration
                if let retryAfter = error.retryAfter {
                    wait = retryAfter
                } else {
                    wait = backoff(retry)
                    retry += 1
                }
                guard wait <= policy.maxWait else {
                    error.retryAfter = wait
                    logger.error(
                        "Throttled for longer than max_wait",
                        metadata: ["url": "\(redacted(url))", "wait": "\(wait)", "max_wait": "\(policy.maxWait)"]
                    )
                    throw error
                }
                guard failures < policy.maxAttempts else { throw error }
                counters.update {
                    $0.throttledWaits += 1
                    $0.throttleWaited += wait
                }
                // The wait is what the API asked for; the usage it reported before is stale after it.
                usage.withLock { $0 = 0 }
                logger.warning(
                    "Throttled by the API; waiting",
                    metadata: [
                        "url": "\(redacted(url))", "attempt": "\(requests)", "wait": "\(wait)", "code": "\(error.code)",
                    ]
                )
                await sleep(wait)
            case .reduceData, .auth, .permission, .cursor, .badData, .other:
                throw error
            }
        }
    }

    /// One request: the parsed body of a success, or the classified error.
    private func attempt(_ url: String) async -> Result<GraphResponse, GraphError> {
        counters.update { $0.requests += 1 }
        let response: HTTPResponse
        do {
            response = try await http.get(url)
        } catch {
            if error.exceedsBodyLimit {
                var failure = GraphError(category: .badData, message: error.message)
                failure.isTransient = true
                return .failure(failure)
            }
            return .failure(GraphError(category: error.isTransient ? .transient : .other, message: error.message))
        }
        counters.update { $0.bytes += response.body.count }
        let usage = RateLimitUsage(headers: response.headers)
        if usage.appUsage != nil || usage.businessUseCaseUsage != nil {
            self.usage.withLock { $0 = usage.highestPercentage }
        }
        logger.debug(
            "GET",
            metadata: [
                "url": "\(redacted(url))", "status": "\(response.status)", "bytes": "\(response.body.count)",
                "usage": "\(usage.highestPercentage)",
                "usage_raw": "\(scrubbed(Self.rawUsage(response.headers)))",
            ]
        )

        let value: JSONValue
        do {
            value = try JSONParser.parse(response.body)
        } catch {
            return .failure(errorWithoutEnvelope(status: response.status, usage: usage, parseError: error))
        }
        if let envelope = value.objectValue?["error"]?.objectValue {
            var error = graphError(envelope, status: response.status)
            if error.category == .throttled {
                error.retryAfter = usage.regainAccessAfter
            }
            return .failure(error)
        }
        guard (200..<300).contains(response.status) else {
            return .failure(errorWithoutEnvelope(status: response.status, usage: usage, parseError: nil))
        }
        return .success(GraphResponse(value: value, usage: usage, status: response.status))
    }

    private func errorWithoutEnvelope(status: Int, usage: RateLimitUsage, parseError: JSONParseError?) -> GraphError {
        switch status {
        case 500...:
            return GraphError(category: .transient, message: "HTTP \(status) from the API", httpStatus: status)
        case 429:
            var error = GraphError(category: .throttled, message: "HTTP 429 Too Many Requests", httpStatus: status)
            error.retryAfter = usage.regainAccessAfter
            return error
        case 200..<300:
            let detail = parseError.map { " (\($0))" } ?? ""
            return GraphError(
                category: .transient,
                message: "the response body is truncated or not valid JSON\(detail)",
                httpStatus: status
            )
        default:
            return GraphError(
                category: .other,
                message: "HTTP \(status) without a Graph error envelope",
                httpStatus: status
            )
        }
    }

    /// The error in a Graph error envelope; every text in it is scrubbed (see `scrubbed(_:)`), in case the API
    /// echoes the token.
    private func graphError(_ envelope: JSONObject, status: Int) -> GraphError {
        func integer(_ key: String) -> Int? {
            switch envelope[key] {
            case .int(let value)?: Int(value)
            case .string(let text)?: Int(text)
            default: nil
            }
        }
        return GraphError(
            code: integer("code") ?? 0,
            subcode: integer("error_subcode"),
            message: scrubbed(envelope["message"]?.stringValue ?? ""),
            type: envelope["type"]?.stringValue.map(scrubbed),
            isTransient: envelope["is_transient"] == .bool(true),
            fbtraceID: envelope["fbtrace_id"]?.stringValue.map(scrubbed),
            httpStatus: status
        )
    }

    /// Both usage headers as sent, for the debug log.
    private static func rawUsage(_ headers: HTTPHeaders) -> String {
        [headers["x-app-usage"], headers["x-business-use-case-usage"]].compactMap { $0 }.joined(separator: " ")
    }

    // MARK: Waiting

    private func backoff(_ retry: Int) -> Duration {
        random.withLock { generator in policy.backoff.delay(forRetry: retry, using: &generator) }
    }

    private func slowDownIfBusy(path: String) async {
        let percent = usage.withLock { $0 }
        let pause = policy.slowdown(forUsage: percent)
        guard pause > .zero else { return }
        counters.update {
            $0.slowdowns += 1
            $0.throttleWaited += pause
        }
        logger.notice(
            "API usage is high; slowing down",
            metadata: ["usage": "\(percent)%", "pause": "\(pause)", "path": "\(path)"]
        )
        await sleep(pause)
    }
}

import NIOConcurrencyHelpers

/// Answers requests, independent of the transport: authentication, call budgets, faults, routing, the request
/// log. Rendering happens outside the lock, on a snapshot of the data.
final class EmulatorEngine: Sendable {
    let configuration: EmulatorConfiguration
    let generator: DataGenerator
    private let state: NIOLockedValueBox<EmulatorState>
    let log: RequestLog?

    init(configuration: EmulatorConfiguration) throws(EmulatorConfigurationError) {
        self.configuration = configuration
        generator = DataGenerator(seed: configuration.seed)
        let dataset = generator.makeDataset(
            accounts: configuration.accounts,
            mediaPerAccount: configuration.mediaPerAccount
        )
        state = NIOLockedValueBox(EmulatorState(dataset: dataset))
        log = try configuration.requestLogPath.map { path throws(EmulatorConfigurationError) in
            try RequestLog(path: path)
        }
    }

    var accounts: [EmulatedAccount] {
        state.withLockedValue { $0.dataset.accounts }.map {
            EmulatedAccount(id: $0.userID, username: $0.username, token: $0.token)
        }
    }

    func publish(newMedia count: Int, account index: Int) {
        let generator = generator
        state.withLockedValue { $0.publish(count: count, account: index, generator: generator) }
    }

    /// What one exchange did, for the headers and the log.
    private struct Trace {
        var account: String?
        var usage: UsageReport?
        var faults: [String] = []
        var transport: EmulatorResponse.Transport = .complete
        var slow = false
    }

    func respond(method: String, uri: String, authorization: String?, baseURL: String) -> EmulatorResponse {
        let request = EmulatorRequest(method: method, uri: uri, authorization: authorization)
        let now = configuration.clock.milliseconds
        let (sequence, dataset) = state.withLockedValue { state in
            state.sequence += 1
            return (state.sequence, state.dataset)
        }
        if let answer = respondCDN(request, sequence: sequence, now: now) { return answer }
        var trace = Trace()
        let status: Int
        var body: [UInt8]
        do throws(GraphAPIError) {
            body = try serve(request, sequence: sequence, dataset: dataset, baseURL: baseURL, now: now, trace: &trace)
            status = 200
        } catch {
            status = error.httpStatus
            body = error.body(traceID: traceID(sequence))
        }
        if status != 200, trace.transport == .truncate {
            trace.transport = .complete
            trace.faults.removeAll { $0 == "truncate" }
        }
        var headers: [(String, String)] = [
            ("Content-Type", "application/json; charset=UTF-8"),
            ("facebook-api-version", request.version ?? "v25.0"),
            ("x-fb-trace-id", traceID(sequence)),
            ("X-App-Usage", appUsage(trace.usage ?? UsageReport(calls: 0, budget: 1, regainMinutes: 0))),
        ]
        if let usage = trace.usage, let account = trace.account {
            headers.append(("X-Business-Use-Case-Usage", usage.businessUseCaseUsage(userID: account)))
        }
        record(request, sequence: sequence, now: now, status: status, faults: trace.faults, account: trace.account)
        return EmulatorResponse(
            status: status,
            body: body,
            headers: headers,
            transport: trace.transport,
            delay: configuration.latency + (trace.slow ? configuration.faults.slowDelay : .zero)
        )
    }

    private func serve(
        _ request: EmulatorRequest,
        sequence: UInt64,
        dataset: Dataset,
        baseURL: String,
        now: Int64,
        trace: inout Trace
    ) throws(GraphAPIError) -> [UInt8] {
        guard request.method == "GET" else {
            throw GraphAPIError.unknownObject(request.components.first ?? "", method: request.method.lowercased())
        }
        if let major = request.majorVersion, major < 21, let version = request.version {
            throw GraphAPIError.deprecatedVersion(version)
        }
        guard let token = request.token, !token.isEmpty else {
            throw request.components.first == "me" ? GraphAPIError.missingTokenForMe : GraphAPIError.missingToken
        }
        let monotonic = configuration.clock.monotonicNanoseconds
        let limit = configuration.rateLimit
        guard let admission = state.withLockedValue({ $0.admit(token: token, now: monotonic, limit: limit) }) else {
            throw GraphAPIError.invalidToken
        }
        let account = dataset.accounts[admission.account]
        trace.account = account.userID
        trace.usage = admission.usage
        if let expiry = configuration.faults.tokenExpiry, admission.tokenCalls > expiry {
            throw GraphAPIError.expiredToken
        }
        guard admission.allowed else { throw GraphAPIError.instagramThrottled }
        switch request.components {
        case ["refresh_access_token"]:
            return try issueToken(request, account: account, grantType: "ig_refresh_token")
        case ["access_token"]:
            guard request.parameter("client_secret").map({ !$0.isEmpty }) == true else {
                throw GraphAPIError(httpStatus: 400, code: 101, message: "Error validating client secret.")
            }
            return try issueToken(request, account: account, grantType: "ig_exchange_token")
        default:
            break
        }
        let emptyPage = try injectFaults(sequence: sequence, trace: &trace)
        let exchange = GraphExchange(
            request: request,
            dataset: dataset,
            account: account,
            token: token,
            baseURL: baseURL,
            seed: configuration.seed,
            cursorTTL: configuration.faults.cursorTTL,
            now: now,
            emptyPage: emptyPage,
            behaviour: configuration.behaviour,
            initialMedia: configuration.mediaPerAccount,
            cdn: configuration.cdn
        )
        let body = try exchange.route()
        if exchange.answeredEmptyPage {
            trace.faults.append("empty")
        }
        return body
    }

    /// Decides the faults of request number `sequence`; returns whether an edge page should come back empty.
    private func injectFaults(sequence: UInt64, trace: inout Trace) throws(GraphAPIError) -> Bool {
        let plan = configuration.faults
        let seed = configuration.seed
        if plan.slow?.fires(sequence: sequence, seed: seed, salt: 6) == true {
            trace.slow = true
            trace.faults.append("slow")
        }
        if plan.reset?.fires(sequence: sequence, seed: seed, salt: 1) == true {
            trace.transport = .reset
            trace.faults.append("reset")
        } else if plan.truncate?.fires(sequence: sequence, seed: seed, salt: 2) == true {
            trace.transport = .truncate
            trace.faults.append("truncate")
        } else if plan.http500?.fires(sequence: sequence, seed: seed, salt: 3) == true {
            trace.faults.append("http500")
            throw GraphAPIError.serviceUnavailable
        } else if plan.throttle?.fires(sequence: sequence, seed: seed, salt: 4) == true {
            trace.faults.append("throttle")
            trace.usage = .exhausted
            throw SeededRandom.hash(seed, sequence) & 1 == 0
                ? GraphAPIError.appThrottled : GraphAPIError.instagramThrottled
        } else if plan.empty?.fires(sequence: sequence, seed: seed, salt: 5) == true {
            return true
        }
        return false
    }

    /// `refresh_access_token` and `access_token`: a new token for the account, valid alongside the old one.
    private func issueToken(
        _ request: EmulatorRequest,
        account: AccountData,
        grantType: String
    ) throws(GraphAPIError) -> [UInt8] {
        guard request.parameter("grant_type") == grantType else {
            throw GraphAPIError.invalidParameter("(#100) Param grant_type must be \(grantType)")
        }
        let generator = generator
        let token = state.withLockedValue { $0.issueToken(account: account.index, generator: generator) }
        return Array("{\"access_token\":\"\(token)\",\"token_type\":\"bearer\",\"expires_in\":5183944}".utf8)
    }

    /// `X-App-Usage` in the shape the configured behaviour asks for.
    private func appUsage(_ usage: UsageReport) -> String {
        configuration.behaviour.instagramUsageHeader ? usage.instagramAppUsage : usage.appUsage
    }

    private func traceID(_ sequence: UInt64) -> String {
        var random = SeededRandom(configuration.seed, 0x5452_4143_45, sequence)
        return "A" + random.text(22, from: SeededRandom.base64URL)
    }

    /// Appends what was asked and answered to the request log, when there is one.
    func record(
        _ request: EmulatorRequest,
        sequence: UInt64,
        now: Int64,
        status: Int,
        faults: [String],
        account: String?
    ) {
        log?.append(
            RequestLog.Entry(
                sequence: sequence,
                time: now,
                method: request.method,
                path: request.path,
                parameters: request.parameters,
                status: status,
                faults: faults,
                account: account
            )
        )
    }
}

extension EmulatorEngine {
    /// Answers a request for `/cdn/…`, or nil when the request is not for the CDN. Like Instagram's CDN it
    /// takes no credentials: a request that carries a token is refused (and logged as `credentials`), so a
    /// test can prove the token never left for the CDN.
    func respondCDN(_ request: EmulatorRequest, sequence: UInt64, now: Int64) -> EmulatorResponse? {
        guard let cdn = configuration.cdn, let address = CDNAddress(components: request.components) else {
            return nil
        }
        var faults: [String] = []
        let status: Int
        var body: [UInt8] = []
        var headers: [(String, String)] = []
        let oe = request.parameter("oe") ?? ""
        let expiry = Int64(oe, radix: 16) ?? 0
        if request.token != nil {
            faults.append("credentials")
            status = 400
        } else if request.method != "GET" {
            status = 405
        } else if request.parameter("oh") != "00_" + address.signature(oe: oe, seed: configuration.seed) {
            status = 403
            body = Array("Bad URL hash".utf8)
        } else if expiry <= now / 1_000 {
            status = 403
            body = Array("URL signature expired".utf8)
        } else if cdn.http500?.fires(sequence: sequence, seed: configuration.seed, salt: 7) == true {
            faults.append("http500")
            status = 500
        } else {
            status = 200
            body = cdn.body(seed: configuration.seed, id: address.id, kind: address.kind, video: address.video)
            headers.append(("Content-Type", address.video ? "video/mp4" : "image/jpeg"))
        }
        if status != 200 { headers.append(("Content-Type", "text/plain")) }
        record(request, sequence: sequence, now: now, status: status, faults: faults, account: nil)
        return EmulatorResponse(status: status, body: body, headers: headers, transport: .complete, delay: cdn.latency)
    }
}

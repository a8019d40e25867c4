/// The pieces of an absolute URL that the HTTP layer needs: enough to refuse plain `http://` to a remote
/// host and to describe a URL without its query.
package struct URLParts: Sendable, Equatable {
    /// The scheme, lowercased (`https`).
    package var scheme: String
    /// The host, lowercased, without brackets around an IPv6 address.
    package var host: String
    /// Everything from `scheme://` up to the query, without user information.
    package var withoutQuery: String
    /// The query without its `?`, or `nil` when there is none.
    package var query: String?

    /// Splits `url`, or returns `nil` when it is not an absolute `scheme://host…` URL.
    package init?(_ url: String) {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard !scheme.isEmpty else { return nil }
        var rest = url[schemeEnd.upperBound...]
        if let fragment = rest.firstIndex(of: "#") {
            rest = rest[..<fragment]
        }
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        } else {
            query = nil
        }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            authority = authority[authority.index(after: at)...]
        }
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close].lowercased()
        } else {
            host = (authority.split(separator: ":", omittingEmptySubsequences: false).first ?? "").lowercased()
        }
        guard !host.isEmpty else { return nil }
        withoutQuery = "\(scheme)://\(authority)\(rest[authorityEnd...])"
    }

    /// Whether the host is on the loopback interface: `localhost`, 127.0.0.0/8 or `::1`.
    package var isLoopback: Bool {
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host == "0:0:0:0:0:0:0:1" {
            return true
        }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            guard let value = Int(octet), octet.count <= 3 else { return false }
            return (0...255).contains(value)
        }
    }
}

/// A request as the emulator sees it: the path split after any version prefix, and the decoded parameters in
/// the order they came, without the token.
struct EmulatorRequest: Sendable {
    var method: String
    /// The path as sent, without the query.
    var path: String
    /// `v23.0` when the path starts with a version; kept in `next` links.
    var version: String?
    var components: [String]
    var parameters: [(name: String, value: String)]
    var token: String?

    init(method: String, uri: String, authorization: String?) {
        self.method = method
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(parts.first ?? "")
        var components = path.split(separator: "/").map { URLEncoding.decode($0) }
        if let first = components.first, Self.isVersion(first) {
            version = first
            components.removeFirst()
        }
        self.components = components
        parameters = []
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let nameAndValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = URLEncoding.decode(nameAndValue[0])
                let value = nameAndValue.count == 2 ? URLEncoding.decode(nameAndValue[1]) : ""
                if name == "access_token" {
                    token = value
                } else {
                    parameters.append((name, value))
                }
            }
        }
        if token == nil, let authorization, authorization.lowercased().hasPrefix("bearer ") {
            token = String(authorization.dropFirst("bearer ".count)).trimmingSpaces
        }
    }

    func parameter(_ name: String) -> String? {
        parameters.last { $0.name == name }?.value
    }

    /// The major version, e.g. 23 for `v23.0`.
    var majorVersion: Int? {
        version.flatMap { Int($0.dropFirst().prefix { $0 != "." }) }
    }

    private static func isVersion(_ component: String) -> Bool {
        let parts = component.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        return component.hasPrefix("v") && parts.count == 2 && parts.allSatisfy { !$0.isEmpty && Int($0) != nil }
    }
}

/// `url` with its secrets taken out, for log lines, errors and anything else a person may read.
///
/// The `access_token` and `client_secret` parameters are dropped, as are user information and the fragment;
/// the path and the other parameters stay, so a log line still says which request it was. `next` URLs from the
/// API carry the token, so everything that shows a URL goes through here.
public func redacted(_ url: String) -> String {
    guard let parts = URLParts(url) else {
        return url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
    }
    guard let query = parts.query else { return parts.withoutQuery }
    let kept = query.split(separator: "&").filter { parameter in
        let name = parameter.split(separator: "=", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        return !redactedParameterNames.contains(name)
    }
    return kept.isEmpty ? parts.withoutQuery : parts.withoutQuery + "?" + kept.joined(separator: "&")
}

private let redactedParameterNames: Set<String> = ["access_token", "client_secret"]

import Foundation
import GraphEmulator

extension GraphEmulatorServer {
    /// `BASE/v23.0/PATH?QUERY&access_token=TOKEN` for the first account.
    func url(_ path: String, _ query: String = "", account: Int = 0) -> String {
        let separator = query.isEmpty ? "" : "&"
        return baseURL + "/v23.0/" + path + "?" + query + separator + "access_token=" + accounts[account].token
    }
}

/// Follows `next` links from `url` as a careful exporter would: retries transport failures, cut bodies, code
/// 1/2/4/80002 and 5xx, keeps going through empty pages, and returns every media id in the order received.
func collectAll(_ client: TestClient, from url: String, maxRequests: Int = 5_000) -> (ids: [String], requests: Int) {
    var ids: [String] = []
    var next: String? = url
    var requests = 0
    while let current = next, requests < maxRequests {
        requests += 1
        let response = client.get(current)
        guard response.curlCode == 0, let json = response.json else { continue }
        if let code = response.errorCode {
            if [1, 2, 4, 80_002].contains(code) { continue }
            break
        }
        for item in (json["data"] as? [[String: Any]]) ?? [] {
            ids.append(item["id"] as! String)
        }
        next = (json["paging"] as? [String: Any])?["next"] as? String
    }
    return (ids, requests)
}

/// The value of a query parameter of a URL.
func queryValue(_ url: String, _ name: String) -> String? {
    URLComponents(string: url)?.queryItems?.first { $0.name == name }?.value
}

extension EmulatorConfiguration {
    /// A default emulator with every behaviour of `profile`.
    static func profile(_ profile: EmulatorBehaviour.Profile, accounts: Int = 1) -> EmulatorConfiguration {
        EmulatorConfiguration(accounts: accounts, behaviour: EmulatorBehaviour(profile: profile))
    }
}

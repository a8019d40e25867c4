import Logging
import Testing

@testable import IGCore
@testable import IGGraph

@Suite struct GraphClientURLTests {
    private func client(api: String = "https://graph.instagram.com/") throws -> GraphClient {
        GraphClient(
            http: try CurlClient(configuration: .init(version: "0.1.0", http: HTTPConfig())),
            api: api,
            apiVersion: "v23.0",
            token: Secret(value: "IG/tok+en=", source: "test"),
            retry: RetryConfig(),
            logger: Logger(label: "test")
        )
    }

    @Test func buildsVersionedURLsWithTheTokenLastAndEncoded() throws {
        let url = try client().url(
            "/me/media",
            parameters: [
                ("fields", "id,caption,children{id,media_url}"), ("limit", "100"), ("after", "QVFI=="),
                ("since", "2024-01-01 00:00"),
            ]
        )
        #expect(
            url == "https://graph.instagram.com/v23.0/me/media?fields=id,caption,children%7Bid,media_url%7D"
                + "&limit=100&after=QVFI%3D%3D&since=2024-01-01%2000%3A00&access_token=IG%2Ftok%2Ben%3D"
        )
        #expect(redacted(url).hasSuffix("since=2024-01-01%2000%3A00"))
        #expect(!redacted(url).contains("tok"))
    }

    @Test func acceptsPathsWithoutALeadingSlash() throws {
        #expect(
            try client(api: "http://127.0.0.1:9").url("me", parameters: []).hasPrefix("http://127.0.0.1:9/v23.0/me?")
        )
    }

    @Test func readsTheCursorFromANextURL() {
        let next = "https://graph.instagram.com/v23.0/1/media?access_token=X&limit=25&after=QVFIUm%3D%3D"
        #expect(GraphClient.queryValue(named: "after", in: next) == "QVFIUm==")
        #expect(GraphClient.queryValue(named: "before", in: next) == nil)
    }
}

import Testing

@testable import IGCore
@testable import IGGraph

@Suite struct RedactionTests {
    @Test func dropsTheTokenAndKeepsThePathAndOtherParameters() {
        let url = "https://graph.instagram.com/v23.0/me/media?fields=id,caption&limit=100&access_token=IGQVJtoken"
        #expect(redacted(url) == "https://graph.instagram.com/v23.0/me/media?fields=id,caption&limit=100")
    }

    @Test func dropsTheTokenWhereverItStandsInTheQuery() {
        let url = "https://graph.instagram.com/v23.0/x?access_token=SECRET&after=QVFI&client_secret=APPSECRET#frag"
        #expect(redacted(url) == "https://graph.instagram.com/v23.0/x?after=QVFI")
        #expect(redacted("https://user:pass@host/p?access_token=SECRET") == "https://host/p")
    }

    @Test func cutsTheQueryOfAnythingThatIsNotAnAbsoluteURL() {
        #expect(redacted("/v23.0/me?access_token=SECRET") == "/v23.0/me")
    }

    @Test func recognisesLoopbackHosts() {
        for host in ["http://127.0.0.1:8080/x", "http://localhost/", "http://[::1]:9/", "http://127.10.0.3/"] {
            #expect(URLParts(host)?.isLoopback == true, "\(host)")
        }
        for host in ["http://example.com/", "http://128.0.0.1/", "http://127.0.0.1.evil.com/", "http://[::2]/"] {
            #expect(URLParts(host)?.isLoopback == false, "\(host)")
        }
    }
}

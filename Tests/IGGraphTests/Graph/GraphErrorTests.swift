import Testing

@testable import IGCore
@testable import IGGraph

@Suite struct GraphErrorTests {
    @Test(arguments: [
        (1, "An unknown error has occurred.", GraphError.Category.transient),
        (1, "Please reduce the amount of data you're asking for, then retry your request", .reduceData),
        (2, "An unexpected error has occurred. Please retry your request later.", .transient),
        (4, "Application request limit reached", .throttled),
        (17, "User request limit reached", .throttled),
        (32, "Page request limit reached", .throttled),
        (613, "Calls to this api have exceeded the rate limit.", .throttled),
        (80002, "There have been too many calls to this Instagram account.", .throttled),
        (190, "Error validating access token: Session has expired", .auth),
        (102, "Session key invalid", .auth),
        (104, "An access token is required to request this resource.", .auth),
        (10, "(#10) Not enough viewers for the media to show insights", .permission),
        (200, "Permissions error", .permission),
        (299, "Permissions error", .permission),
        (100, "(#100) The After Cursor specified exceeds the max limit supported by this endpoint", .cursor),
        (100, "(#100) Tried accessing nonexisting field (foo)", .other),
        (24, "The media with id 1 cannot be found", .other),
    ])
    func classifiesByCodeAndMessage(code: Int, message: String, category: GraphError.Category) {
        #expect(GraphError(code: code, message: message, httpStatus: 400).category == category)
    }

    @Test func classifiesByCodeNotByHTTPStatus() {
        #expect(GraphError(code: 2, message: "x", httpStatus: 500).category == .transient)
        #expect(GraphError(code: 190, message: "x", httpStatus: 500).category == .auth)
        #expect(GraphError(code: 4, message: "x", httpStatus: 400).category == .throttled)
    }

    @Test func trustsTheTransientFlagForUnknownCodes() {
        #expect(GraphError(code: 9_999, message: "x", isTransient: true).category == .transient)
        #expect(GraphError(code: 9_999, message: "x", isTransient: false).category == .other)
    }

    @Test func explainsAnExpiredTokenAndHowToRefreshIt() {
        let error = GraphError(code: 190, subcode: 463, message: "Error validating access token", httpStatus: 400)
        #expect(error.description.hasPrefix("token expired (code 190/463): refresh it with `igexport token refresh"))
    }

    @Test(arguments: [
        (460, "password changed"), (467, "invalid access token"), (458, "not authorised"),
        (464, "not confirmed"), (492, "invalid session"),
    ])
    func explainsEachAuthSubcode(subcode: Int, phrase: String) {
        let error = GraphError(code: 190, subcode: subcode, message: "Error validating access token")
        #expect(error.description.contains(phrase))
        #expect(error.description.contains("generate a new token"))
    }

    @Test func saysWhenToRetryAfterThrottling() {
        var error = GraphError(code: 80002, message: "Too many calls")
        error.retryAfter = .seconds(20 * 60)
        #expect(error.description.contains("in about 20 minutes"))
    }

    @Test func namesTheRequestWithoutItsToken() {
        var error = GraphError(category: .transient, message: "HTTP 503 from the API", httpStatus: 503)
        error.request = redacted("https://graph.instagram.com/v23.0/me?fields=id&access_token=SECRET")
        error.attempts = 8
        #expect(error.description.contains("GET https://graph.instagram.com/v23.0/me?fields=id, HTTP 503, 8 attempts"))
        #expect(!error.description.contains("SECRET"))
    }
}

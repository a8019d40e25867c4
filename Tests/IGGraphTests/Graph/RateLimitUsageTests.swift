import Testing

@testable import IGCore
@testable import IGGraph

@Suite struct RateLimitUsageTests {
    @Test func readsTheHighestPercentageOfTheAppUsageHeader() {
        let usage = RateLimitUsage(
            appUsage: #"{"call_count":28,"total_time":85,"total_cputime":25}"#,
            businessUseCaseUsage: nil
        )
        #expect(usage.appUsage == 85)
        #expect(usage.businessUseCaseUsage == nil)
        #expect(usage.highestPercentage == 85)
        #expect(usage.regainAccessAfter == nil)
    }

    @Test func readsTheInstagramRowsOfTheBusinessUseCaseHeader() {
        let header = """
            {"17841400000000001":[{"type":"instagram","call_count":97,"total_cputime":23,"total_time":23,\
            "estimated_time_to_regain_access":12}],"1234":[{"type":"pages","call_count":100,"total_cputime":1,\
            "total_time":1,"estimated_time_to_regain_access":60}]}
            """
        let usage = RateLimitUsage(appUsage: nil, businessUseCaseUsage: header)
        #expect(usage.businessUseCaseUsage == 97)
        #expect(usage.highestPercentage == 97)
        #expect(usage.regainAccessAfter == .seconds(12 * 60))
    }

    @Test func takesTheHigherOfBothHeadersCaseInsensitively() {
        let headers = HTTPHeaders([
            ("X-App-Usage", #"{"call_count":"40","total_time":10,"total_cputime":10}"#),
            ("x-business-use-case-usage", #"{"1":[{"type":"instagram","call_count":55,"total_time":0}]}"#),
        ])
        let usage = RateLimitUsage(headers: headers)
        #expect(usage.appUsage == 40)
        #expect(usage.businessUseCaseUsage == 55)
        #expect(usage.highestPercentage == 55)
    }

    @Test func treatsMissingOrMalformedHeadersAsNoUsage() {
        #expect(RateLimitUsage(headers: HTTPHeaders()).highestPercentage == 0)
        let usage = RateLimitUsage(appUsage: "{not json", businessUseCaseUsage: "[]")
        #expect(usage == RateLimitUsage())
    }
}

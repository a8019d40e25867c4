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

@Suite struct RateLimitUsageHostileTests {
    @Test func clampsHugeAndNonFiniteFiguresInsteadOfTrapping() {
        for header in [
            #"{"call_count":1e20}"#, #"{"call_count":"inf"}"#, #"{"call_count":1e400}"#,
            #"{"call_count":123456789012345678901234567890}"#,
        ] {
            #expect(RateLimitUsage(appUsage: header, businessUseCaseUsage: nil).appUsage == 1000)
        }
        #expect(RateLimitUsage(appUsage: #"{"call_count":"nan"}"#, businessUseCaseUsage: nil).appUsage == nil)
        #expect(RateLimitUsage(appUsage: #"{"call_count":"-inf"}"#, businessUseCaseUsage: nil).appUsage == 0)
    }

    @Test func capsTheWaitToRegainAccessAtADay() {
        let header = #"{"1":[{"type":"instagram","call_count":100,"estimated_time_to_regain_access":1e300}]}"#
        let usage = RateLimitUsage(appUsage: nil, businessUseCaseUsage: header)
        #expect(usage.regainAccessAfter == .seconds(24 * 60 * 60))
        let infinite = #"{"1":[{"type":"instagram","estimated_time_to_regain_access":"inf"}]}"#
        #expect(RateLimitUsage(appUsage: nil, businessUseCaseUsage: infinite).regainAccessAfter == .seconds(86_400))
    }

    @Test func readsTheInstagramLoginShapeOfTheAppUsageHeader() {
        let usage = RateLimitUsage(appUsage: #"{"call_volume":12,"cpu_time":77}"#, businessUseCaseUsage: nil)
        #expect(usage.appUsage == 77)
    }
}

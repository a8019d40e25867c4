import IGCore
import Testing

@Suite struct DurationParsingTests {
    @Test func refusesDurationsTooLongToHoldInsteadOfTrapping() {
        #expect(Duration(configText: "999999999999d") == nil)
        #expect(Duration(configText: "1e400s") == nil)
        #expect(Duration(configText: "99999999999999999999999999ms") == nil)
        #expect(Duration(configText: "36501d") == nil)
    }

    @Test func acceptsDurationsUpToAHundredYears() {
        #expect(Duration(configText: "36500d") == Duration.configMaximum)
        #expect(Duration(configText: "3d") == .seconds(3 * 86_400))
    }
}

import Testing

@testable import GraphEmulator

@Suite struct ConfigurationParsingTests {
    @Test func parsesEveryFaultKindOfTheIssueExample() throws {
        let plan = try FaultPlan(
            parsing: "http500=0.1,reset=0.05,truncate=0.05,throttle=0.05,slow=every:7,empty=0.1,cursor_ttl=30s,"
                + "token_expiry=200"
        )
        #expect(plan.http500 == .rate(0.1))
        #expect(plan.reset == .rate(0.05))
        #expect(plan.truncate == .rate(0.05))
        #expect(plan.throttle == .rate(0.05))
        #expect(plan.slow == .every(7))
        #expect(plan.slowDelay == .seconds(1))
        #expect(plan.empty == .rate(0.1))
        #expect(plan.cursorTTL == .seconds(30))
        #expect(plan.tokenExpiry == 200)
    }

    @Test func readsASlowDelayAfterTheTrigger() throws {
        let plan = try FaultPlan(parsing: "slow=0.5@250ms")
        #expect(plan.slow == .rate(0.5))
        #expect(plan.slowDelay == .milliseconds(250))
    }

    @Test func treatsAnEmptySpecAndNoneAsNoFaults() throws {
        #expect(try FaultPlan(parsing: "") == .none)
        #expect(try FaultPlan(parsing: "none") == .none)
    }

    @Test(arguments: ["http500=2", "reset=every:0", "bogus=0.1", "slow", "cursor_ttl=30", "token_expiry=soon"])
    func namesTheBadItemOfAFaultSpec(_ item: String) {
        #expect {
            try FaultPlan(parsing: "truncate=0.1," + item)
        } throws: { error in
            (error as? EmulatorConfigurationError)?.item == item
        }
    }

    @Test func parsesRateLimits() throws {
        #expect(try RateLimit(parsing: "200/1h") == RateLimit(calls: 200, window: .seconds(3_600)))
        #expect(try RateLimit(parsing: "50/10s") == RateLimit(calls: 50, window: .seconds(10)))
        #expect(throws: EmulatorConfigurationError.self) { try RateLimit(parsing: "200") }
        #expect(throws: EmulatorConfigurationError.self) { try RateLimit(parsing: "0/1h") }
        #expect(throws: EmulatorConfigurationError.self) { try RateLimit(parsing: "5/0s") }
    }

    @Test func parsesDurationsWithUnitsOnly() throws {
        #expect(try DurationSyntax.parse("40ms") == .milliseconds(40))
        #expect(try DurationSyntax.parse("2s") == .seconds(2))
        #expect(try DurationSyntax.parse("1.5m") == .seconds(90))
        #expect(try DurationSyntax.parse("1h") == .seconds(3_600))
        #expect(throws: EmulatorConfigurationError.self) { try DurationSyntax.parse("40") }
        #expect(throws: EmulatorConfigurationError.self) { try DurationSyntax.parse("-1s") }
    }

    @Test func firesEveryKthRequestExactly() {
        let fired = (1...21).filter { FaultTrigger.every(7).fires(sequence: UInt64($0), seed: 1, salt: 0) }
        #expect(fired == [7, 14, 21])
    }

    @Test func firesAtRoughlyTheConfiguredRate() {
        let fired = (1...10_000).filter { FaultTrigger.rate(0.1).fires(sequence: UInt64($0), seed: 42, salt: 3) }
        #expect((800...1_200).contains(fired.count))
    }
}

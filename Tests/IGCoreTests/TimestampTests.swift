import IGCore
import Testing

@Suite struct TimestampTests {
    @Test func turnsGraphOffsetsIntoRFC3339WithZ() {
        #expect(Timestamp(parsing: "2025-03-01T12:34:56+0000")?.rfc3339 == "2025-03-01T12:34:56Z")
        #expect(Timestamp(parsing: "2025-03-01T12:34:56+00:00")?.rfc3339 == "2025-03-01T12:34:56Z")
        #expect(Timestamp(parsing: "2025-03-01T12:34:56Z")?.rfc3339 == "2025-03-01T12:34:56Z")
    }

    @Test func convertsOtherOffsetsToUTC() {
        #expect(Timestamp(parsing: "2025-03-01T01:00:00+0200")?.rfc3339 == "2025-02-28T23:00:00Z")
        #expect(Timestamp(parsing: "2024-12-31T23:30:00-01:00")?.rfc3339 == "2025-01-01T00:30:00Z")
    }

    @Test func keepsFractionsOfASecond() {
        #expect(Timestamp(parsing: "2025-03-01T12:34:56.120+0000")?.rfc3339 == "2025-03-01T12:34:56.12Z")
    }

    @Test func readsDatesAsMidnightUTC() {
        #expect(Timestamp(parsing: "2025-01-01")?.rfc3339 == "2025-01-01T00:00:00Z")
    }

    @Test func rejectsTextThatIsNotATimestamp() {
        for text in [
            "", "2025", "2025-13-01", "2025-02-30", "2025-03-01T25:00:00Z", "2025-03-01T12:34:56+0000x", "soon",
        ] {
            #expect(Timestamp(parsing: text) == nil, "\(text)")
        }
    }

    @Test func printsRFC822WithAFourDigitYearAndANumericZone() {
        #expect(Timestamp(parsing: "2025-03-01T12:34:56+0000")?.rfc822 == "Sat, 01 Mar 2025 12:34:56 +0000")
        #expect(Timestamp(parsing: "2024-02-29T00:00:00Z")?.rfc822 == "Thu, 29 Feb 2024 00:00:00 +0000")
        #expect(Timestamp(seconds: 0).rfc822 == "Thu, 01 Jan 1970 00:00:00 +0000")
    }

    @Test func ordersInstantsInTime() {
        #expect(Timestamp(parsing: "2025-03-01T01:00:00+0200")! < Timestamp(parsing: "2025-03-01T00:00:00Z")!)
    }
}

@Suite struct TimestampRangeTests {
    @Test func refusesInstantsPastTheYear9999InsteadOfWrapping() {
        #expect(Timestamp(parsing: "9999-12-31T23:59:59-2359") == nil)
        #expect(Timestamp(parsing: "0000-01-01T00:00:00+0100") == nil)
    }

    @Test func keepsTheEdgesOfTheFourDigitYears() {
        #expect(Timestamp(parsing: "9999-12-31T23:59:59Z")?.rfc3339 == "9999-12-31T23:59:59Z")
        #expect(Timestamp(parsing: "9999-12-31T23:59:59+0100")?.rfc3339 == "9999-12-31T22:59:59Z")
        #expect(Timestamp(parsing: "0000-01-01T00:00:00Z")?.rfc3339 == "0000-01-01T00:00:00Z")
    }
}

import Testing

@testable import GraphEmulator

@Suite struct BehaviourParsingTests {
    @Test func keepsTheExistingBehaviourInTheStandardProfile() {
        let standard = EmulatorBehaviour()
        #expect(standard == EmulatorBehaviour(profile: .standard))
        #expect(!standard.refusesSharesOnImages && !standard.accountInsightRetention && !standard.commentReplies)
        #expect(!standard.instagramUsageHeader && !standard.flatMe && !standard.timeBasedPaging)
        #expect(standard.preConversionShare == 0 && standard.notEnoughViewersShare == 0)
        #expect(standard.listingCap == 10_000 && standard.mediaCountDrift == 0)
    }

    @Test func switchesEveryBehaviourOnInTheRealisticProfile() {
        let realistic = EmulatorBehaviour(profile: .realistic)
        #expect(realistic.refusesSharesOnImages && realistic.accountInsightRetention && realistic.commentReplies)
        #expect(realistic.instagramUsageHeader && realistic.flatMe && realistic.timeBasedPaging)
        #expect(realistic.preConversionShare > 0 && realistic.notEnoughViewersShare > 0)
        #expect(realistic.mediaCountDrift != 0)
    }

    @Test func laysSingleBehavioursOverAProfile() throws {
        let behaviour = try EmulatorBehaviour(
            profile: .realistic,
            parsing: "flat_me=false, listing_cap=50,pre_conversion=0.5,replies=off,media_count_drift=-3"
        )
        #expect(!behaviour.flatMe && !behaviour.commentReplies)
        #expect(behaviour.listingCap == 50 && behaviour.preConversionShare == 0.5 && behaviour.mediaCountDrift == -3)
        #expect(behaviour.timeBasedPaging)
        #expect(try EmulatorBehaviour(profile: .standard, parsing: "") == EmulatorBehaviour())
        #expect(try EmulatorBehaviour(profile: .standard, parsing: "refuse_image_shares=true").refusesSharesOnImages)
    }

    @Test(arguments: ["flat_me=maybe", "pre_conversion=2", "listing_cap=0", "colour=blue", "flat_me"])
    func refusesABadItemNamingIt(spec: String) {
        #expect(throws: EmulatorConfigurationError.self) {
            try EmulatorBehaviour(profile: .standard, parsing: spec)
        }
        do {
            _ = try EmulatorBehaviour(profile: .standard, parsing: spec)
        } catch {
            #expect(error.item == spec)
        }
    }
}

import Testing

@testable import IGEngine

struct EmulatorOptionsTests {
    private func options(_ emulator: String) throws -> EmulatorOptions {
        try PipelineConfig.parse(
            yaml: """
                version: 1
                name: emulated
                source: {api: emulator, emulator: \(emulator)}
                extract: {media: {}}
                load: [{ndjson: {path: out.ndjson}}]
                """,
            file: "emulated.yaml",
            environment: [:]
        ).source.emulator
    }

    @Test func readsTheProfileAndSingleBehaviours() throws {
        let realistic = try options("{profile: realistic, behaviour: \"listing_cap=50\"}")
        #expect(realistic.profile == .realistic)
        #expect(realistic.behaviour == "listing_cap=50")
        #expect(try options("{seed: 7}").profile == .standard)
    }

    @Test func refusesAnUnknownProfile() {
        #expect(throws: ConfigError.self) { try options("{profile: chaotic}") }
    }
}

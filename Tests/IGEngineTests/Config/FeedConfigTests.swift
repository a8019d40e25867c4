import IGEngine
import Testing

@Suite struct FeedConfigTests {
    func config(_ load: String, mode: String = "full") throws -> PipelineConfig {
        try PipelineConfig.parse(
            yaml: """
                version: 1
                name: feeds
                source: {token: "${env:T}", accounts: [me]}
                extract:
                  profile: {}
                  media: {mode: \(mode)}
                load:
                  - \(load)
                """,
            file: "feeds.yaml",
            environment: ["T": "IGAAtoken"]
        )
    }

    @Test func atomAndJSONFeedTakeTheFeedOptions() throws {
        let atom = try config(
            """
            atom: {path: f.atom, self_link: "https://example.com/f.atom", guid: permalink, max_items: 20,
                     tag_authority: "example.com,2025", type_markers: {reel: Clip, carousel: "{count} photos"}}
            """
        ).load[0]
        #expect(atom.format == .atom)
        #expect(atom.streams == [.profile, .media])
        #expect(atom.feed.selfLink == "https://example.com/f.atom")
        #expect(atom.feed.guid == .permalink)
        #expect(atom.feed.maxItems == 20)
        #expect(atom.feed.tagAuthority == "example.com,2025")
        #expect(atom.feed.typeMarkers.reel == "Clip")
        #expect(atom.feed.typeMarkers.carousel == "{count} photos")
        #expect(atom.feed.typeMarkers.image == "Photo")
        let json = try config("jsonfeed: {path: f.json}").load[0]
        #expect(json.format == .jsonfeed)
        #expect(json.feed.guid == .id)
        #expect(json.feed.tagAuthority == "instagram.com,2010")
    }

    @Test func feedsKeepPublishedItemsOnlyWhenMediaAreIncremental() throws {
        #expect(try config("rss: {path: f.xml}", mode: "incremental").load[0].feed.keepsPublishedItems)
        #expect(try !config("rss: {path: f.xml}").load[0].feed.keepsPublishedItems)
    }

    @Test(arguments: ["example.com", "Example.com,2025", "example.com,25", "ex_ample.com,2025", "a,2025-1"])
    func aTagAuthorityMustBeALowerCaseDomainAndADate(_ authority: String) {
        #expect(throws: ConfigError.self) {
            try config("jsonfeed: {path: f.json, tag_authority: \"\(authority)\"}")
        }
    }
}

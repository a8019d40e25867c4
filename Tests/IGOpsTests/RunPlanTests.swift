import Foundation
import Testing

@testable import IGCore
@testable import IGEngine
@testable import IGGraph
@testable import IGOps

@Suite struct RunPlanTests {
    static let yaml = """
        version: 1
        name: nightly
        source: {api: "http://127.0.0.1:9", token: "${env:T}", accounts: [me, "17841400000000002"]}
        extract:
          profile: {}
          media: {page_size: 50, mode: incremental}
          comments: {}
        load:
          - ndjson: {path: "out/{account}/{stream}-{date}.ndjson"}
        checkpoint: {path: out/.state/nightly.json}
        """

    static func plan(state: RunState?, fresh: Bool = false) throws -> String {
        let config = try PipelineConfig.parse(yaml: yaml, file: "nightly.yaml", environment: ["T": "IGAAplanSecret"])
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        return RunPlan(config: config, source: try ResolvedSource(config.source), state: state, fresh: fresh, now: now)
            .text
    }

    @Test func aNewRunListsStreamsEndpointsFieldsAndResolvedOutputs() throws {
        let text = try Self.plan(state: nil)
        #expect(text.contains("  media: GET /v23.0/{account}/media?fields=id,caption"))
        #expect(text.contains("&limit=50 (incremental: no completed run yet, reads everything)"))
        #expect(
            text.contains("  comments: GET /v23.0/{media-id}/comments?fields=id,text,timestamp,username,like_count")
        )
        #expect(text.contains("  out/me/media-2026-05-28.ndjson (ndjson)"))
        #expect(text.contains("  out/17841400000000002/comments-2026-05-28.ndjson (ndjson)"))
        #expect(text.contains("state: out/.state/nightly.json\n  no state yet: a new run starts"))
        #expect(!text.contains("IGAAplanSecret"))
    }

    @Test func anInterruptedRunIsResumedWithItsDateUnlessFresh() throws {
        var state = RunState(pipeline: "nightly")
        var run = RunProgress(id: "20260501T000000Z-abcd", startedAt: Date(), date: "2026-05-01")
        run.pages = 7
        state.run = run
        let resumed = try Self.plan(state: state)
        #expect(resumed.contains("resumes the interrupted run 20260501T000000Z-abcd, extracting, 7 pages committed"))
        #expect(resumed.contains("out/me/media-2026-05-01.ndjson"))
        let fresh = try Self.plan(state: state, fresh: true)
        #expect(fresh.contains("--fresh discards the interrupted run"))
        #expect(fresh.contains("out/me/media-2026-05-28.ndjson"))
    }
}

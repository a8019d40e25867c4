import Foundation
import IGCore
import IGGraph
import Logging
import TestSupport

@testable import IGEngine

extension ScriptedGraph {
    /// A stream context for account `me` reading through this client.
    func context(
        clock: ManualClock = ManualClock(),
        logs: LogCapture = LogCapture(),
        concurrency: Int = 2
    ) -> StreamContext {
        StreamContext(client: self, account: "me", concurrency: concurrency, clock: clock, logger: logs.logger)
    }
}

/// A Graph page: `records`, and `paging.cursors.after` when `after` is given.
func graphPage(_ records: [JSONObject], after: String? = nil) -> JSONObject {
    var page = JSONObject([("data", .array(records.map(JSONValue.object)))])
    if let after {
        page.append("paging", ["cursors": ["after": .string(after)], "next": "https://graph.example/next"])
    }
    return page
}

/// A media record with an id and an RFC 3339-ish Graph timestamp `seconds` after 2025-01-01.
func media(_ id: String, at seconds: Int64) -> JSONObject {
    JSONObject([("id", .string(id)), ("timestamp", .string(Timestamp(seconds: 1_735_689_600 + seconds).rfc3339))])
}

/// Every page of a stream.
func collect<Stream: AsyncSequence>(_ stream: Stream) async throws -> [Page] where Stream.Element == Page {
    var pages: [Page] = []
    for try await page in stream { pages.append(page) }
    return pages
}

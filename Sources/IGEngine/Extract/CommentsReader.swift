import IGCore
import IGGraph

/// Reads every comment of one media (all pages), each with `media_id` first.
struct CommentsReader: Sendable {
    let client: any GraphFetching
    let config: CommentsConfig

    func read(_ media: Record) async throws -> [Record] {
        guard let id = media["id"]?.stringValue else { return [] }
        if let count = media["comments_count"]?.intValue, count == 0 { return [] }
        let edge = EdgeReader(
            path: "\(id)/comments",
            parameters: [("fields", config.fields.joined(separator: ","))],
            limit: config.pageSize
        )
        var comments: [Record] = []
        var position = EdgeReader.Position.start
        var seen: Set<String> = []
        while true {
            let page = try await edge.read(client, at: position)
            for comment in page.data {
                var record = Record()
                record.append("media_id", .string(id))
                for (key, value) in comment.members where key != "media_id" {
                    record.append(key, value)
                }
                comments.append(record)
            }
            guard let after = page.after else { return comments }
            guard seen.insert(after).inserted else { throw GraphLoopError(path: edge.path, cursor: after) }
            position = .cursor(after, until: nil)
        }
    }
}

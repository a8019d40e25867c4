import Foundation
import TestSupport
import Testing

@testable import GraphEmulator

@Suite struct CommentReplyTests {
    /// The newest media of the first account whose comments carry a few replies, with its `comments_count`.
    private func mediaWithReplies() throws -> (String, Int) {
        let dataset = DataGenerator(seed: 42).makeDataset(accounts: 1, mediaPerAccount: 120)
        let media = try #require(dataset.accounts[0].media.last { $0.replyCount >= 4 && $0.topLevelComments > 3 })
        return (media.id, media.commentsCount)
    }

    /// Every comment and reply of a media, following `next` of the comments and of each comment's replies.
    private func readAll(
        _ client: TestClient,
        _ server: GraphEmulatorServer,
        media: String,
        replyLimit: Int
    ) throws -> (comments: [String], replies: [[String: Any]], requests: Int) {
        var comments: [String] = []
        var replies: [[String: Any]] = []
        var requests = 0
        var next: String? = server.url(
            "\(media)/comments",
            "fields=id,text,timestamp,replies.limit(\(replyLimit)){id,text,timestamp,username,like_count,parent_id}"
        )
        while let url = next {
            let page = client.get(url)
            requests += 1
            for comment in page.data {
                comments.append(try #require(comment["id"] as? String))
                guard let expanded = comment["replies"] as? [String: Any] else { continue }
                replies += expanded["data"] as? [[String: Any]] ?? []
                var more = (expanded["paging"] as? [String: Any])?["next"] as? String
                while let link = more {
                    #expect(link.contains("/\(comment["id"] as! String)/replies?"))
                    let page = client.get(link)
                    requests += 1
                    #expect(page.status == 200)
                    #expect((page.paging?["cursors"] as? [String: Any])?["after"] != nil)
                    replies += page.data
                    more = page.next
                }
            }
            next = page.next
        }
        return (comments, replies, requests)
    }

    @Test(arguments: [1, 2, 25])
    func readsEveryReplySoThatCommentsCountAddsUp(replyLimit: Int) async throws {
        try await withEmulator(.profile(.realistic)) { server in
            let client = TestClient()
            let (media, count) = try mediaWithReplies()
            let read = try readAll(client, server, media: media, replyLimit: replyLimit)
            let replyIDs = read.replies.compactMap { $0["id"] as? String }
            #expect(read.comments.count + replyIDs.count == count)
            #expect(Set(read.comments + replyIDs).count == count)
            #expect(read.replies.allSatisfy { read.comments.contains($0["parent_id"] as? String ?? "") })
            #expect(read.replies.allSatisfy { $0["text"] is String && $0["username"] is String })
        }
    }

    @Test func pagesTheRepliesEdgeWithCursors() async throws {
        try await withEmulator(.profile(.realistic)) { server in
            let client = TestClient()
            let (media, _) = try mediaWithReplies()
            let comments = client.get(server.url("\(media)/comments", "fields=id,replies.limit(1){id}&limit=50"))
            let busy = try #require(
                comments.data.first { (($0["replies"] as? [String: Any])?["paging"] as? [String: Any])?["next"] != nil }
            )
            let id = try #require(busy["id"] as? String)
            let (ids, requests) = collectAll(client, from: server.url("\(id)/replies", "fields=id,parent_id&limit=1"))
            #expect(ids.count > 1)
            #expect(requests == ids.count)
            let first = client.get(server.url("\(id)/replies", "fields=id,parent_id"))
            #expect(first.data.allSatisfy { $0["parent_id"] as? String == id })
            let ofReply = client.get(server.url("\(ids[0])/replies"))
            #expect(ofReply.status == 200 && ofReply.data.isEmpty)
        }
    }

    @Test func leavesRepliesOutOfCommentsWithoutAny() async throws {
        try await withEmulator(.profile(.realistic)) { server in
            let client = TestClient()
            let (media, _) = try mediaWithReplies()
            let comments = client.get(server.url("\(media)/comments", "fields=id,parent_id,replies{id}&limit=50"))
            #expect(comments.data.contains { $0["replies"] == nil })
            #expect(comments.data.allSatisfy { $0["parent_id"] == nil })
            #expect(comments.data.allSatisfy { !($0["replies"] is NSNull) })
        }
    }

    @Test func knowsNoRepliesInTheStandardProfile() async throws {
        try await withEmulator { server in
            let client = TestClient()
            let (media, _) = try mediaWithReplies()
            let expansion = client.get(server.url("\(media)/comments", "fields=id,replies{id}"))
            #expect(expansion.errorCode == 100)
            let comment = try #require(client.get(server.url("\(media)/comments")).data.first?["id"] as? String)
            let edge = client.get(server.url("\(comment)/replies"))
            #expect(edge.errorCode == 100)
            #expect(edge.error?["error_subcode"] as? Int == 33)
        }
    }

    @Test func refusesTheRepliesOfAnotherAccountsComment() async throws {
        try await withEmulator(.profile(.realistic, accounts: 2)) { server in
            let client = TestClient()
            let (media, _) = try mediaWithReplies()
            let comment = try #require(client.get(server.url("\(media)/comments")).data.first?["id"] as? String)
            #expect(client.get(server.url("\(comment)/replies", account: 1)).errorCode == 100)
            #expect(client.get(server.url("1800000000000000000/replies")).errorCode == 100)
        }
    }
}

/// The fields to render for comments, with the `replies` edge they may expand.
struct CommentPlan: Sendable {
    enum Item: Sendable {
        case field(CommentField)
        indirect case replies(CommentPlan, NestedEdge)
    }

    var items: [Item]

    /// Graph's default for comments, in Graph's order.
    static let standard = CommentPlan(items: [.field(.timestamp), .field(.text), .field(.id)])

    /// Compiles `fields`; `replies{…}` and `parent_id` are known only when `withReplies`
    /// (`EmulatorBehaviour.commentReplies`).
    static func compile(_ requests: [FieldRequest]?, withReplies: Bool) throws(GraphAPIError) -> CommentPlan {
        guard let requests, !requests.isEmpty else { return standard }
        var items: [Item] = []
        var seen: Set<String> = []
        for request in requests where seen.insert(request.name).inserted {
            if withReplies, request.name == "replies" {
                items.append(.replies(try compile(request.subfields, withReplies: true), try NestedEdge(request)))
                continue
            }
            guard let field = CommentField(rawValue: request.name), request.subfields == nil,
                withReplies || field != .parentID
            else {
                throw GraphAPIError.nonexistingField(request.name, node: "Comment")
            }
            items.append(.field(field))
        }
        return CommentPlan(items: items)
    }
}

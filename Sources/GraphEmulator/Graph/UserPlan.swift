/// The fields to render for a user, with the `media` and `stories` edges it may expand.
struct UserPlan: Sendable {
    enum Item: Sendable {
        case field(UserField)
        case media(MediaPlan, NestedEdge)
        case stories(MediaPlan, NestedEdge)
    }

    var items: [Item]

    static let standard = UserPlan(items: [.field(.id)])

    /// Compiles `fields`; `withReplies` lets expanded comments expand their replies.
    static func compile(_ fields: [FieldRequest]?, withReplies: Bool) throws(GraphAPIError) -> UserPlan {
        guard let fields, !fields.isEmpty else { return standard }
        var items: [Item] = []
        var seen: Set<String> = []
        for request in fields where seen.insert(request.name).inserted {
            if let field = UserField(rawValue: request.name), request.subfields == nil {
                items.append(.field(field))
            } else if request.name == "media" {
                items.append(
                    .media(try MediaPlan.compile(request.subfields, withReplies: withReplies), try NestedEdge(request))
                )
            } else if request.name == "stories" {
                items.append(
                    .stories(
                        try MediaPlan.compile(request.subfields, withReplies: withReplies),
                        try NestedEdge(request)
                    )
                )
            } else {
                throw GraphAPIError.nonexistingField(request.name, node: "User")
            }
        }
        return UserPlan(items: items)
    }
}

/// The fields to render for media, compiled once per request from the `fields` parameter.
struct MediaPlan: Sendable {
    enum Item: Sendable {
        case field(MediaField)
        case children(MediaPlan, NestedEdge)
        case comments(CommentPlan, NestedEdge)
    }

    var items: [Item]

    /// Graph's default for media, on nodes and edges alike: the id alone.
    static let standard = MediaPlan(items: [.field(.id)])

    /// Compiles `fields`; `withReplies` lets expanded comments expand their replies.
    static func compile(_ fields: [FieldRequest]?, withReplies: Bool) throws(GraphAPIError) -> MediaPlan {
        guard let fields, !fields.isEmpty else { return standard }
        var items: [Item] = []
        var seen: Set<String> = []
        for request in fields where seen.insert(request.name).inserted {
            if let field = MediaField.byName[request.name] {
                guard request.subfields == nil else {
                    throw GraphAPIError.invalidParameter("(#100) Field \(request.name) does not take subfields")
                }
                items.append(.field(field))
            } else if request.name == "children" {
                items.append(
                    .children(try compile(request.subfields, withReplies: withReplies), try NestedEdge(request))
                )
            } else if request.name == "comments" {
                items.append(
                    .comments(
                        try CommentPlan.compile(request.subfields, withReplies: withReplies),
                        try NestedEdge(request)
                    )
                )
            } else {
                throw GraphAPIError.nonexistingField(request.name, node: "Media")
            }
        }
        return MediaPlan(items: items)
    }
}

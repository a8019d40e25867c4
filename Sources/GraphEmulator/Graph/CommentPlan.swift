/// The fields to render for comments.
struct CommentPlan: Sendable {
    var fields: [CommentField]

    /// Graph's default for comments, in Graph's order.
    static let standard = CommentPlan(fields: [.timestamp, .text, .id])

    static func compile(_ requests: [FieldRequest]?) throws(GraphAPIError) -> CommentPlan {
        guard let requests, !requests.isEmpty else { return standard }
        var fields: [CommentField] = []
        for request in requests {
            guard let field = CommentField(rawValue: request.name), request.subfields == nil else {
                throw GraphAPIError.nonexistingField(request.name, node: "Comment")
            }
            if !fields.contains(field) {
                fields.append(field)
            }
        }
        return CommentPlan(fields: fields)
    }
}

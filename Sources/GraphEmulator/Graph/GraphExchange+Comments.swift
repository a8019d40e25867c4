extension GraphExchange {
    /// `/{ig-media-id}/comments`: top-level comments, newest first, at most 50 a page.
    func commentsEdge(_ media: MediaRecord) throws(GraphAPIError) -> [UInt8] {
        let plan = try CommentPlan.compile(try fields())
        let limit = min(try EdgeLimit.parse(request.parameter("limit")), EdgeLimit.comments)
        let (after, before) = try cursorPositions(.comments, parent: UInt64(media.id) ?? 0)
        var buffer = JSONBuffer(capacity: 256 + limit * 300)
        writeComments(
            media,
            plan: plan,
            window: EdgeWindow.page(bounds: commentBounds(media), limit: limit, after: after, before: before),
            link: requestLink(object: media.id, edge: "comments"),
            nested: false,
            into: &buffer
        )
        return buffer.bytes
    }

    func commentBounds(_ media: MediaRecord) -> ClosedRange<Int>? {
        media.topLevelComments == 0 ? nil : 0...(media.topLevelComments - 1)
    }

    func writeComments(
        _ media: MediaRecord,
        plan: CommentPlan,
        window: EdgeWindow?,
        link: String,
        nested: Bool,
        into buffer: inout JSONBuffer
    ) {
        let seed = self.seed
        writeEdge(
            &buffer,
            window: window,
            edge: .comments,
            parent: UInt64(media.id) ?? 0,
            link: link,
            allowEmptyFault: !nested
        ) { ordinal, buffer in
            let comment = CommentRecord(seed: seed, media: media, ordinal: ordinal)
            buffer.byte(UInt8(ascii: "{"))
            for (index, field) in plan.fields.enumerated() {
                if index > 0 {
                    buffer.byte(UInt8(ascii: ","))
                }
                buffer.key(field.rawValue)
                switch field {
                case .id: buffer.string(comment.id)
                case .text: buffer.string(comment.text)
                case .timestamp: buffer.string(GraphTime.format(comment.timestamp))
                case .username: buffer.string(comment.username)
                case .likeCount: buffer.number(comment.likeCount)
                case .hidden: buffer.raw(comment.hidden ? "true" : "false")
                case .from:
                    buffer.raw("{\"id\":\"\(comment.userID)\",\"username\":")
                    buffer.string(comment.username)
                    buffer.byte(UInt8(ascii: "}"))
                case .media: buffer.raw("{\"id\":\"\(media.id)\"}")
                }
            }
            buffer.byte(UInt8(ascii: "}"))
        }
    }
}

extension GraphExchange {
    /// `/{ig-media-id}/comments`: top-level comments, newest first, at most 50 a page.
    func commentsEdge(_ media: MediaRecord) throws(GraphAPIError) -> [UInt8] {
        let plan = try CommentPlan.compile(try fields(), withReplies: behaviour.commentReplies)
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
            render(
                CommentRecord(seed: seed, media: media, ordinal: ordinal),
                of: media,
                ordinal: ordinal,
                plan: plan,
                into: &buffer
            )
        }
    }

    /// Writes one comment. For a top-level comment (`ordinal` is its place), `replies{…}` expands to a page of
    /// its replies with their paging, and is left out when it has none, as Graph leaves out empty fields.
    private func render(
        _ comment: CommentRecord,
        of media: MediaRecord,
        ordinal: Int?,
        plan: CommentPlan,
        into buffer: inout JSONBuffer
    ) {
        buffer.byte(UInt8(ascii: "{"))
        var first = true
        for item in plan.items {
            switch item {
            case .field(let field):
                if field == .parentID, comment.parentID == nil {
                    continue
                }
                if !first {
                    buffer.byte(UInt8(ascii: ","))
                }
                first = false
                buffer.key(field.rawValue)
                write(field, of: comment, media: media, into: &buffer)
            case .replies(let replyPlan, let nested):
                guard let ordinal, media.replies(toComment: ordinal, seed: seed) > 0 else { continue }
                if !first {
                    buffer.byte(UInt8(ascii: ","))
                }
                first = false
                buffer.raw("\"replies\":")
                writeReplies(
                    to: comment,
                    ordinal: ordinal,
                    of: media,
                    plan: replyPlan,
                    limit: min(nested.limit ?? EdgeLimit.standard, EdgeLimit.comments),
                    after: nil,
                    before: nil,
                    link: nestedLink(object: comment.id, edge: "replies", nested: nested),
                    nested: true,
                    into: &buffer
                )
            }
        }
        buffer.byte(UInt8(ascii: "}"))
    }

    private func write(
        _ field: CommentField,
        of comment: CommentRecord,
        media: MediaRecord,
        into buffer: inout JSONBuffer
    ) {
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
        case .parentID: buffer.string(comment.parentID ?? "")
        }
    }

    /// One page of a comment's replies, newest first, with cursors, and `next` while older replies remain.
    private func writeReplies(
        to comment: CommentRecord,
        ordinal: Int,
        of media: MediaRecord,
        plan: CommentPlan,
        limit: Int,
        after: Int?,
        before: Int?,
        link: String,
        nested: Bool,
        into buffer: inout JSONBuffer
    ) {
        let seed = self.seed
        let count = media.replies(toComment: ordinal, seed: seed)
        writeEdge(
            &buffer,
            window: EdgeWindow.page(
                bounds: count == 0 ? nil : 0...(count - 1),
                limit: limit,
                after: after,
                before: before
            ),
            edge: .replies,
            parent: UInt64(comment.id) ?? 0,
            link: link,
            allowEmptyFault: !nested
        ) { replyOrdinal, buffer in
            let reply = CommentRecord(
                seed: seed,
                media: media,
                parent: comment,
                parentOrdinal: ordinal,
                ordinal: replyOrdinal
            )
            render(reply, of: media, ordinal: nil, plan: plan, into: &buffer)
        }
    }

    /// `/{comment-id}/replies` (with `EmulatorBehaviour.commentReplies`): a comment's replies, paged with
    /// cursors like the comments edge (§2.6, §11). A reply has no replies of its own: its list is empty.
    /// Nil when `id` names no comment of the token's account.
    func repliesEdge(_ id: String) throws(GraphAPIError) -> [UInt8]? {
        guard let found = comment(withID: id) else { return nil }
        guard let ordinal = found.ordinal else { return Array("{\"data\":[]}".utf8) }
        let plan = try CommentPlan.compile(try fields(), withReplies: true)
        let limit = min(try EdgeLimit.parse(request.parameter("limit")), EdgeLimit.comments)
        let (after, before) = try cursorPositions(.replies, parent: UInt64(id) ?? 0)
        var buffer = JSONBuffer(capacity: 256 + limit * 300)
        writeReplies(
            to: found.comment,
            ordinal: ordinal,
            of: found.media,
            plan: plan,
            limit: limit,
            after: after,
            before: before,
            link: requestLink(object: id, edge: "replies"),
            nested: false,
            into: &buffer
        )
        return buffer.bytes
    }

    /// The comment or reply with this id on a media of the token's account, read back from the id's digits
    /// (see `CommentRecord`) and checked by making it again. `ordinal` is nil for a reply.
    private func comment(withID id: String) -> (media: MediaRecord, comment: CommentRecord, ordinal: Int?)? {
        let digits = Array(id.utf8)
        guard digits.count == 19, digits.allSatisfy({ (48...57).contains($0) }),
            id.hasPrefix("18") || id.hasPrefix("178")
        else { return nil }
        let isReply = id.hasPrefix("178")
        let start = isReply ? 3 : 2
        func number(_ offset: Int, _ length: Int) -> Int {
            digits[(start + offset)..<(start + offset + length)].reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        let (accountIndex, mediaOrdinal, commentOrdinal) = (number(0, 2), number(2, 7), number(9, 4))
        guard accountIndex == account.index, mediaOrdinal < account.media.count else { return nil }
        let media = account.media[mediaOrdinal]
        guard commentOrdinal < media.topLevelComments else { return nil }
        let parent = CommentRecord(seed: seed, media: media, ordinal: commentOrdinal)
        guard isReply else { return parent.id == id ? (media, parent, commentOrdinal) : nil }
        let replyOrdinal = number(13, 2)
        guard replyOrdinal < media.replies(toComment: commentOrdinal, seed: seed) else { return nil }
        let reply = CommentRecord(
            seed: seed,
            media: media,
            parent: parent,
            parentOrdinal: commentOrdinal,
            ordinal: replyOrdinal
        )
        return reply.id == id ? (media, reply, nil) : nil
    }
}

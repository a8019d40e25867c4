extension GraphExchange {
    func mediaNode(_ media: MediaRecord) throws(GraphAPIError) -> [UInt8] {
        let plan = try MediaPlan.compile(try fields(), withReplies: behaviour.commentReplies)
        var buffer = JSONBuffer(capacity: 1_024)
        render(media, plan: plan, throughEdge: false, into: &buffer)
        return buffer.bytes
    }

    /// `/{ig-user-id}/media`: newest first, at most the 10,000 newest (`listingCap`), filtered by `since`/`until`
    /// (unix seconds, both inclusive); with `timeBasedPaging`, a windowed request pages by time.
    func mediaEdge() throws(GraphAPIError) -> [UInt8] {
        let plan = try MediaPlan.compile(try fields(), withReplies: behaviour.commentReplies)
        let limit = try EdgeLimit.parse(request.parameter("limit"))
        let parent = UInt64(account.userID) ?? 0
        let (after, before) = try cursorPositions(.media, parent: parent)
        let visible = account.visibleMedia(cap: behaviour.listingCap)
        if let after, let visible, after - 1 < visible.lowerBound, visible.lowerBound > 0 {
            throw GraphAPIError.invalidParameter(
                "(#100) The After Cursor specified exceeds the max limit supported by this endpoint"
            )
        }
        let media = account.media
        let bounds = try timeBounds(of: media, within: visible)
        var buffer = JSONBuffer(capacity: 512 + limit * 600)
        if pagesByTime {
            writeTimeEdge(
                &buffer,
                bounds: bounds,
                newest: visible?.upperBound,
                limit: limit,
                timestamp: { media[$0].timestamp },
                object: account.userID,
                edge: "media"
            ) { ordinal, buffer in
                render(media[ordinal], plan: plan, throughEdge: true, into: &buffer)
            }
            return buffer.bytes
        }
        writeEdge(
            &buffer,
            window: EdgeWindow.page(bounds: bounds, limit: limit, after: after, before: before),
            edge: .media,
            parent: parent,
            link: requestLink(object: account.userID, edge: "media"),
            allowEmptyFault: true
        ) { ordinal, buffer in
            render(media[ordinal], plan: plan, throughEdge: true, into: &buffer)
        }
        return buffer.bytes
    }

    /// The ordinals of `visible` whose timestamps fall within `since` and `until`; `media` are oldest first.
    private func timeBounds(of media: [MediaRecord], within visible: ClosedRange<Int>?) throws(GraphAPIError)
        -> ClosedRange<Int>?
    {
        guard var bounds = visible else { return nil }
        if let since = try unixTime("since") {
            var low = bounds.lowerBound
            var high = bounds.upperBound + 1
            while low < high {
                let middle = (low + high) / 2
                if media[middle].timestamp >= since { high = middle } else { low = middle + 1 }
            }
            guard low <= bounds.upperBound else { return nil }
            bounds = low...bounds.upperBound
        }
        if let until = try unixTime("until") {
            var low = bounds.lowerBound
            var high = bounds.upperBound + 1
            while low < high {
                let middle = (low + high) / 2
                if media[middle].timestamp > until { high = middle } else { low = middle + 1 }
            }
            guard low > bounds.lowerBound else { return nil }
            bounds = bounds.lowerBound...(low - 1)
        }
        return bounds
    }

    /// A `since`/`until` parameter, between years 1 and 9999 so that every sum and difference of two of
    /// them, or of one and a span of days, fits in an `Int64`.
    func unixTime(_ name: String) throws(GraphAPIError) -> Int64? {
        guard let text = request.parameter(name) else { return nil }
        guard let value = Int64(text), Self.unixTimeRange.contains(value) else {
            throw GraphAPIError.invalidParameter("(#100) The parameter \(name) must be a unix timestamp")
        }
        return value
    }

    /// 0001-01-01T00:00:00Z through 9999-12-31T23:59:59Z.
    static let unixTimeRange: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// `/{ig-user-id}/stories`, newest first. With `timeBasedPaging`, `since`/`until` filter the stories and a
    /// windowed request pages by time, as on the media edge.
    func storiesEdge() throws(GraphAPIError) -> [UInt8] {
        let plan = try MediaPlan.compile(try fields(), withReplies: behaviour.commentReplies)
        let limit = try EdgeLimit.parse(request.parameter("limit"))
        let parent = UInt64(account.userID) ?? 0
        let (after, before) = try cursorPositions(.stories, parent: parent)
        let stories = account.stories
        let all = stories.isEmpty ? nil : 0...(stories.count - 1)
        var buffer = JSONBuffer(capacity: 4_096)
        if pagesByTime {
            writeTimeEdge(
                &buffer,
                bounds: try timeBounds(of: stories, within: all),
                newest: all?.upperBound,
                limit: limit,
                timestamp: { stories[$0].timestamp },
                object: account.userID,
                edge: "stories"
            ) { ordinal, buffer in
                render(stories[ordinal], plan: plan, throughEdge: true, into: &buffer)
            }
            return buffer.bytes
        }
        writeEdge(
            &buffer,
            window: EdgeWindow.page(bounds: all, limit: limit, after: after, before: before),
            edge: .stories,
            parent: parent,
            link: requestLink(object: account.userID, edge: "stories"),
            allowEmptyFault: true
        ) { ordinal, buffer in
            render(stories[ordinal], plan: plan, throughEdge: true, into: &buffer)
        }
        return buffer.bytes
    }

    /// `/{ig-media-id}/children`, in album order.
    func childrenEdge(_ media: MediaRecord) throws(GraphAPIError) -> [UInt8] {
        let plan = try MediaPlan.compile(try fields(), withReplies: behaviour.commentReplies)
        let limit = try EdgeLimit.parse(request.parameter("limit"))
        let parent = UInt64(media.id) ?? 0
        let (after, before) = try cursorPositions(.children, parent: parent)
        var buffer = JSONBuffer(capacity: 4_096)
        writeChildren(
            media,
            plan: plan,
            window: EdgeWindow.page(bounds: childBounds(media), limit: limit, after: after, before: before),
            link: requestLink(object: media.id, edge: "children"),
            nested: false,
            into: &buffer
        )
        return buffer.bytes
    }

    private func childBounds(_ media: MediaRecord) -> ClosedRange<Int>? {
        media.children.isEmpty ? nil : 0...(media.children.count - 1)
    }

    /// Children are stored in album order; ordinal k is child count-1-k, so newest-first paging yields the album
    /// order.
    private func writeChildren(
        _ media: MediaRecord,
        plan: MediaPlan,
        window: EdgeWindow?,
        link: String,
        nested: Bool,
        into buffer: inout JSONBuffer
    ) {
        let children = media.children
        writeEdge(
            &buffer,
            window: window,
            edge: .children,
            parent: UInt64(media.id) ?? 0,
            link: link,
            omitPagingWhenWhole: nested,
            allowEmptyFault: !nested
        ) { ordinal, buffer in
            render(children[children.count - 1 - ordinal], plan: plan, throughEdge: true, into: &buffer)
        }
    }

    /// Writes one media object. Read through an edge or an expansion, a hidden like count is left out, as the
    /// reference says.
    func render(_ media: MediaRecord, plan: MediaPlan, throughEdge: Bool, into buffer: inout JSONBuffer) {
        buffer.byte(UInt8(ascii: "{"))
        var first = true
        for item in plan.items {
            switch item {
            case .field(let field):
                if field == .likeCount, throughEdge, media.hidesLikes {
                    continue
                }
                guard let fragment = media.fragments[field.rawValue] else { continue }
                if !first {
                    buffer.byte(UInt8(ascii: ","))
                }
                first = false
                if let cdn, field == .mediaURL || field == .thumbnailURL {
                    let address = CDNAddress(
                        id: media.id,
                        kind: field == .mediaURL ? "media" : "thumbnail",
                        video: field == .mediaURL && media.mediaType == .video
                    )
                    // A listing can hand out links that expired already, as one read days ago does.
                    let lifetime =
                        throughEdge && cdn.listedURLsExpired ? -1_000 : cdn.urlLifetime.nanoseconds / 1_000_000
                    buffer.key(field.name)
                    buffer.string(address.url(baseURL: baseURL, expiry: (now + lifetime) / 1_000, seed: seed))
                    continue
                }
                buffer.raw(fragment)
            case .children(let childPlan, let nested):
                guard !media.children.isEmpty else { continue }
                if !first {
                    buffer.byte(UInt8(ascii: ","))
                }
                first = false
                buffer.raw("\"children\":")
                writeChildren(
                    media,
                    plan: childPlan,
                    window: EdgeWindow.page(
                        bounds: childBounds(media),
                        limit: nested.limit ?? EdgeLimit.standard,
                        after: nil,
                        before: nil
                    ),
                    link: nestedLink(object: media.id, edge: "children", nested: nested),
                    nested: true,
                    into: &buffer
                )
            case .comments(let commentPlan, let nested):
                guard !media.isChild else { continue }
                if !first {
                    buffer.byte(UInt8(ascii: ","))
                }
                first = false
                buffer.raw("\"comments\":")
                writeComments(
                    media,
                    plan: commentPlan,
                    window: EdgeWindow.page(
                        bounds: commentBounds(media),
                        limit: min(nested.limit ?? EdgeLimit.standard, EdgeLimit.comments),
                        after: nil,
                        before: nil
                    ),
                    link: nestedLink(object: media.id, edge: "comments", nested: nested),
                    nested: true,
                    into: &buffer
                )
            }
        }
        buffer.byte(UInt8(ascii: "}"))
    }
}

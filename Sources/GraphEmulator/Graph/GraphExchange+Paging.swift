extension GraphExchange {
    /// Where an edge's `next`/`previous` links point, without the final cursor: the emulator's own address,
    /// the request's version, the resolved object id, the token and every other parameter, as Graph's links do.
    func link(object: String, edge: String, parameters: [(name: String, value: String)]) -> String {
        var text = baseURL + "/" + (request.version.map { $0 + "/" } ?? "") + object + "/" + edge
        text += "?access_token=" + URLEncoding.encode(token)
        for parameter in parameters {
            text += "&" + URLEncoding.encode(parameter.name) + "=" + URLEncoding.encode(parameter.value)
        }
        return text
    }

    /// The link of a top-level edge: the request's own parameters, less its cursor.
    func requestLink(object: String, edge: String) -> String {
        link(
            object: object,
            edge: edge,
            parameters: request.parameters.filter { $0.name != "after" && $0.name != "before" }
        )
    }

    /// The link of an edge expanded inside `fields`: its subfields and limit become the link's parameters.
    func nestedLink(object: String, edge: String, nested: NestedEdge) -> String {
        var parameters: [(name: String, value: String)] = []
        if let fields = nested.fieldsText {
            parameters.append(("fields", fields))
        }
        if let limit = nested.limit {
            parameters.append(("limit", String(limit)))
        }
        return link(object: object, edge: edge, parameters: parameters)
    }

    func cursor(_ edge: PageCursor.Edge, parent: UInt64, position: Int) -> String {
        PageCursor(edge: edge, parent: parent, position: position, issuedAt: cursorTTL == nil ? 0 : now)
            .encoded(key: cursorKey)
    }

    /// The positions of the request's `after` and `before` cursors, refusing cursors of another edge, another
    /// object, or older than the cursor lifetime.
    func cursorPositions(_ edge: PageCursor.Edge, parent: UInt64) throws(GraphAPIError) -> (after: Int?, before: Int?) {
        func position(_ name: String) throws(GraphAPIError) -> Int? {
            guard let text = request.parameter(name) else { return nil }
            guard let cursor = PageCursor.decode(text, key: cursorKey), cursor.edge == edge, cursor.parent == parent
            else {
                throw GraphAPIError.invalidParameter("(#100) The \(name) cursor is not valid for this edge: \(text)")
            }
            let (age, overflow) = now.subtractingReportingOverflow(cursor.issuedAt)
            if let cursorTTL, overflow || Duration.milliseconds(age) > cursorTTL {
                throw GraphAPIError.invalidParameter(
                    "(#100) The \(name) cursor has expired. Request the first page again, or page by time with "
                        + "since and until."
                )
            }
            return cursor.position
        }
        return (try position("after"), try position("before"))
    }

    /// Writes `{"data":[…],"paging":{…}}` for one page of an edge. `item` renders the item of an ordinal.
    /// With `omitPagingWhenWhole`, a page that holds the whole edge has no `paging` (as expanded children come).
    /// With `allowEmptyFault`, the `empty` fault may turn this page into an empty one whose `next` asks again
    /// for the same items.
    func writeEdge(
        _ buffer: inout JSONBuffer,
        window: EdgeWindow?,
        edge: PageCursor.Edge,
        parent: UInt64,
        link: String,
        omitPagingWhenWhole: Bool = false,
        allowEmptyFault: Bool = false,
        item: (Int, inout JSONBuffer) -> Void
    ) {
        guard let window else {
            buffer.raw("{\"data\":[]}")
            return
        }
        if allowEmptyFault, emptyPageRequested, !answeredEmptyPage {
            answeredEmptyPage = true
            let same = cursor(edge, parent: parent, position: window.top + 1)
            buffer.raw("{\"data\":[],\"paging\":{\"cursors\":{\"before\":\"\(same)\",\"after\":\"\(same)\"},")
            buffer.key("next")
            buffer.string(link + "&after=" + same)
            buffer.raw("}}")
            return
        }
        buffer.raw("{\"data\":[")
        for ordinal in stride(from: window.top, through: window.bottom, by: -1) {
            if ordinal != window.top {
                buffer.byte(UInt8(ascii: ","))
            }
            item(ordinal, &buffer)
        }
        buffer.byte(UInt8(ascii: "]"))
        if omitPagingWhenWhole, !window.hasNext, !window.hasPrevious {
            buffer.byte(UInt8(ascii: "}"))
            return
        }
        let before = cursor(edge, parent: parent, position: window.top)
        let after = cursor(edge, parent: parent, position: window.bottom)
        buffer.raw(",\"paging\":{\"cursors\":{\"before\":\"\(before)\",\"after\":\"\(after)\"}")
        if window.hasPrevious {
            buffer.raw(",")
            buffer.key("previous")
            buffer.string(link + "&before=" + before)
        }
        if window.hasNext {
            buffer.raw(",")
            buffer.key("next")
            buffer.string(link + "&after=" + after)
        }
        buffer.raw("}}")
    }
}

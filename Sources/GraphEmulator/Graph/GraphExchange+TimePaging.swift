extension GraphExchange {
    /// Whether this edge request pages by time: `EmulatorBehaviour.timeBasedPaging` is on, the request names a
    /// window (`since` or `until`) and carries no cursor.
    var pagesByTime: Bool {
        behaviour.timeBasedPaging && (request.parameter("since") != nil || request.parameter("until") != nil)
            && request.parameter("after") == nil && request.parameter("before") == nil
    }

    /// Writes the newest `limit` items of `bounds` with time-based paging (§3 "time-based paging", §11): no
    /// `cursors`; `next` is the same request with `until` just below the page's oldest timestamp (and its
    /// `since` kept), present while older items remain in the window; `previous` carries `since` just above the
    /// page's newest timestamp, present while newer items exist than the window lets through. A page never ends
    /// between two items of the same second, so `until` neither skips nor repeats one.
    func writeTimeEdge(
        _ buffer: inout JSONBuffer,
        bounds: ClosedRange<Int>?,
        newest: Int?,
        limit: Int,
        timestamp: (Int) -> Int64,
        object: String,
        edge: String,
        item: (Int, inout JSONBuffer) -> Void
    ) {
        guard let bounds else {
            buffer.raw("{\"data\":[]}")
            return
        }
        let base = request.parameters.filter { !["since", "until", "after", "before"].contains($0.name) }
        let since = request.parameter("since").map { [(name: "since", value: $0)] } ?? []
        if emptyPageRequested, !answeredEmptyPage {
            answeredEmptyPage = true
            buffer.raw("{\"data\":[],\"paging\":{")
            buffer.key("next")
            buffer.string(link(object: object, edge: edge, parameters: request.parameters))
            buffer.raw("}}")
            return
        }
        let top = bounds.upperBound
        var bottom = max(bounds.lowerBound, top - limit + 1)
        while bottom > bounds.lowerBound, bottom <= top, timestamp(bottom - 1) == timestamp(bottom) {
            bottom += 1
        }
        if bottom > top {
            bottom = max(bounds.lowerBound, top - limit + 1)
            while bottom > bounds.lowerBound, timestamp(bottom - 1) == timestamp(bottom) {
                bottom -= 1
            }
        }
        buffer.raw("{\"data\":[")
        for ordinal in stride(from: top, through: bottom, by: -1) {
            if ordinal != top {
                buffer.byte(UInt8(ascii: ","))
            }
            item(ordinal, &buffer)
        }
        buffer.byte(UInt8(ascii: "]"))
        let hasPrevious = newest.map { top < $0 } ?? false
        let hasNext = bottom > bounds.lowerBound
        guard hasPrevious || hasNext else {
            buffer.byte(UInt8(ascii: "}"))
            return
        }
        buffer.raw(",\"paging\":{")
        if hasPrevious {
            buffer.key("previous")
            buffer.string(
                link(object: object, edge: edge, parameters: base + [("since", String(timestamp(top) + 1))])
            )
        }
        if hasNext {
            if hasPrevious {
                buffer.byte(UInt8(ascii: ","))
            }
            buffer.key("next")
            buffer.string(
                link(object: object, edge: edge, parameters: base + since + [("until", String(timestamp(bottom) - 1))])
            )
        }
        buffer.raw("}}")
    }
}

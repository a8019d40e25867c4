/// The items one page of an edge returns, newest first, as a run of ordinals from `top` down to `bottom`.
///
/// Cursors point between items: `after` = the ordinal of the page's last (oldest) item, so the next page starts
/// just below it; `before` = the ordinal of its first (newest) item. `next` and `previous` exist only when
/// there are items beyond the page within `bounds`.
struct EdgeWindow: Equatable {
    /// The ordinal of the newest item on the page.
    var top: Int
    /// The ordinal of the oldest item on the page; below `top` + 1 means an empty page.
    var bottom: Int
    var hasNext: Bool
    var hasPrevious: Bool

    var isEmpty: Bool { bottom > top }

    /// The page of at most `limit` items of `bounds`, after or before a cursor position, or the first page.
    static func page(bounds: ClosedRange<Int>?, limit: Int, after: Int?, before: Int?) -> EdgeWindow? {
        guard let bounds else { return nil }
        // Cursors and limits come from the request: clamping them to the edge first keeps every sum below
        // within one past the bounds, whatever they say.
        let limit = min(max(limit, 0), bounds.count)
        var top: Int
        var bottom: Int
        if let after {
            top = min(max(after, bounds.lowerBound) - 1, bounds.upperBound)
            bottom = max(bounds.lowerBound, top - limit + 1)
        } else if let before {
            guard before < bounds.upperBound else { return nil }
            bottom = max(before + 1, bounds.lowerBound)
            top = min(bounds.upperBound, bottom + limit - 1)
        } else {
            top = bounds.upperBound
            bottom = max(bounds.lowerBound, top - limit + 1)
        }
        guard top >= bottom else { return nil }
        return EdgeWindow(
            top: top,
            bottom: bottom,
            hasNext: bottom > bounds.lowerBound,
            hasPrevious: top < bounds.upperBound
        )
    }
}

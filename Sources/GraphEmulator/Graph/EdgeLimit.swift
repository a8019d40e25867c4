/// The `limit` parameter of an edge: 25 when absent, at most 100 (more answers code 1, as Graph does).
enum EdgeLimit {
    static let standard = 25
    static let maximum = 100
    /// The comments edge "returns a maximum of 50 comments per query": larger limits are cut to 50.
    static let comments = 50

    static func parse(_ text: String?) throws(GraphAPIError) -> Int {
        guard let text else { return standard }
        guard let limit = Int(text), limit > 0 else {
            throw GraphAPIError.invalidParameter("(#100) Param limit must be a positive integer")
        }
        guard limit <= maximum else { throw GraphAPIError.reduceData }
        return limit
    }
}

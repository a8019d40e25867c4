import IGCore

extension GraphClient: GraphFetching {
    /// `GET path?parameters`, answered by an object.
    ///
    /// - Throws: `GraphError`, with category `.badData` when the answer is not an object.
    public func object(_ path: String, parameters: [(String, String)]) async throws -> JSONObject {
        let response = try await get(path, parameters: parameters)
        guard let object = response.value.objectValue else {
            throw GraphError(category: .badData, message: "the response to GET \(path) is not an object")
        }
        return object
    }

    /// One page of an edge: `parameters` (fields first, as given), then `limit` and `after`.
    ///
    /// Once the API has asked for less data on `path`, later pages of it start at the smaller size instead of
    /// being refused again.
    ///
    /// - Throws: `GraphError`; an item of `data` that is not an object is `.badData`.
    public func page(
        _ path: String,
        parameters: [(String, String)],
        limit: Int,
        after: String?
    ) async throws -> EdgePage {
        let limit = acceptedPageSizes.withLock { sizes in sizes[path].map { min($0, limit) } ?? limit }
        var query = parameters + [("limit", String(limit))]
        if let after {
            query.append(("after", after))
        }
        let (page, accepted) = try await page(path, query: query, limit: limit)
        if accepted < limit {
            acceptedPageSizes.withLock { $0[path] = accepted }
        }
        return page
    }
}

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
        let page = try await page(path, query: query, limit: limit)
        if page.limit < limit {
            acceptedPageSizes.withLock { $0[path] = page.limit }
        }
        var objects: [JSONObject] = []
        objects.reserveCapacity(page.data.count)
        for item in page.data {
            guard let object = item.objectValue else {
                throw GraphError(
                    category: .badData,
                    message: "the response to GET \(path) has a non-object in `data`"
                )
            }
            objects.append(object)
        }
        return EdgePage(data: objects, after: page.after, nextUntil: page.nextUntil)
    }
}

/// An edge requested inside `fields` (`children.limit(2){id}`): its limit and its subfields as written, which
/// its `next` link carries.
struct NestedEdge: Sendable {
    var limit: Int?
    var fieldsText: String?

    init(_ request: FieldRequest) throws(GraphAPIError) {
        if let limit = request.limit, limit > EdgeLimit.maximum {
            throw GraphAPIError.reduceData
        }
        limit = request.limit
        fieldsText = request.subfieldsText
    }
}

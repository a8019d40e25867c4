/// One item of a `fields` parameter: `children.limit(3){id,media_url}` is the name `children`, the limit 3 and
/// the subfields `id` and `media_url`.
struct FieldRequest: Sendable, Equatable {
    var name: String
    var limit: Int?
    var subfields: [FieldRequest]?
    /// The subfields as written, carried into the `next` links of a nested edge.
    var subfieldsText: String?
}

/// Builds the `fields` parameter, with children through field expansion: `id,caption,children{id,media_url}`.
///
/// Expansion is what keeps a carousel from costing one request per media.
package enum FieldList {
    package static func media(_ fields: [String], children: [String]) -> String {
        var result = fields.joined(separator: ",")
        if !children.isEmpty {
            result += ",children{\(children.joined(separator: ","))}"
        }
        return result
    }
}

import IGCore

extension Record {
    /// The `select` step: only the members named in `fields`, in that order; names the record lacks are
    /// skipped.
    func selecting(_ fields: [String]) -> Record {
        var result = Record()
        for field in fields {
            if let value = self[field], result[field] == nil {
                result.append(field, value)
            }
        }
        return result
    }
}

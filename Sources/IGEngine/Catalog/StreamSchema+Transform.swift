extension StreamSchema {
    /// The schema after one transform step, mirroring `Transformer.apply(_:stream:account:)`.
    ///
    /// - Parameter requested: the fields the stream asks for, whose counts `normalize` adds as `null`; `nil`
    ///   uses `Transformer.defaultExpectedCounts`.
    mutating func apply(_ step: TransformStep, requested: [String]?) {
        switch step {
        case .normalize(let options):
            normalize(runFields: options.runFields, requested: requested)
        case .select(let fields):
            columns = fields.compactMap { name in self[name] }
            key = key.filter { name in fields.contains(name) }
        case .drop(let fields):
            columns.removeAll { fields.contains($0.name) }
            key.removeAll { fields.contains($0) }
        case .rename(let renames):
            for rename in renames where rename.from != rename.to {
                guard let index = columns.firstIndex(where: { $0.name == rename.from }) else { continue }
                var moved = columns[index]
                moved.name = rename.to
                // A record without the field keeps a same-named one it already had.
                if let kept = self[rename.to], !moved.required {
                    moved.type = kept.type == moved.type ? moved.type : .any
                    moved.nullable = moved.nullable || kept.nullable
                    moved.required = kept.required
                }
                columns[index] = moved
                columns = columns.enumerated().filter { $0.offset == index || $0.element.name != rename.to }.map(
                    \.element
                )
                key = key.filter { $0 != rename.to }.map { $0 == rename.from ? rename.to : $0 }
            }
        case .filter:
            break
        case .hashtags(let extraction), .mentions(let extraction):
            // Declared whether or not the stream has the source field, and not required: a record without text
            // there may lack the array.
            let column = Column(extraction.to, .strings, nullable: false, required: false)
            if let index = columns.firstIndex(where: { $0.name == extraction.to }) {
                columns[index] = column
            } else {
                columns.append(column)
            }
            key.removeAll { $0 == extraction.to }
        case .truncate:
            break
        }
    }

    /// `normalize`: ids become strings, timestamps RFC 3339 in UTC, counts integers or `null`, `children` an
    /// array of objects; missing requested counts, `account_id` and `username` are added, and the run fields
    /// when asked.
    private mutating func normalize(runFields: Bool, requested: [String]?) {
        columns = columns.map(StreamSchema.normalized)
        let counts = requested?.filter { $0.hasSuffix("_count") } ?? Transformer.defaultExpectedCounts[stream] ?? []
        for count in counts {
            if let index = columns.firstIndex(where: { $0.name == count }) {
                columns[index].required = true
            } else {
                columns.append(Column(count, .integer, nullable: true, required: true))
            }
        }
        if self["media_type"] != nil, self["children"] == nil {
            columns.append(Column("children", .records([]), nullable: false, required: false))
        }
        if let index = columns.firstIndex(where: { $0.name == "account_id" }) {
            columns[index].required = true
        } else {
            columns.append(Column("account_id", .string, nullable: false, required: true))
        }
        if let index = columns.firstIndex(where: { $0.name == "username" }) {
            columns[index].required = true
        } else {
            columns.append(Column("username", .string, nullable: true, required: true))
        }
        if runFields {
            for (name, type) in [("_run_id", ColumnType.string), ("_extracted_at", .timestamp(normalized: true))] {
                let column = Column(name, type, nullable: false, required: true)
                if let index = columns.firstIndex(where: { $0.name == name }) {
                    columns[index] = column
                } else {
                    columns.append(column)
                }
            }
        }
        if stream == .accountInsights, !key.contains("account_id"), self["account_id"] != nil {
            key.insert("account_id", at: 0)
        }
    }

    /// A column as `normalize` leaves it: a count the API sent as something else becomes `null`.
    private static func normalized(_ column: Column) -> Column {
        var column = column
        switch column.type {
        case .timestamp:
            column.type = .timestamp(normalized: true)
        case .integer:
            column.nullable = true
        case .expansion(let fields), .records(let fields):
            column.type = .records(fields.map(normalized))
            column.nullable = false
        default:
            break
        }
        return column
    }
}

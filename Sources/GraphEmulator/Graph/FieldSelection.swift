/// Parses Graph's field-expansion syntax: a comma-separated list of names, each with optional `.limit(n)`
/// modifiers and a braced list of subfields, nested to any depth (`id,children{id,media_url}`,
/// `media.limit(50){like_count}`, `children{id}.limit(2)`). Syntax errors answer code 2500 as Graph does.
struct FieldSelection {
    private let text: String
    private let characters: [Character]
    private var position = 0

    static func parse(_ text: String) throws(GraphAPIError) -> [FieldRequest] {
        var parser = FieldSelection(text: text, characters: Array(text))
        let fields = try parser.list(closing: nil)
        return fields
    }

    private init(text: String, characters: [Character]) {
        self.text = text
        self.characters = characters
    }

    private mutating func list(closing: Character?) throws(GraphAPIError) -> [FieldRequest] {
        var fields: [FieldRequest] = []
        while true {
            skipSpaces()
            if position == characters.count || characters[position] == closing {
                if position == characters.count, closing != nil {
                    throw failure("Expected \"}\" instead of end of string.")
                }
                return fields
            }
            if characters[position] == "," {
                position += 1
                continue
            }
            fields.append(try field())
            skipSpaces()
            if position < characters.count, characters[position] != ",", characters[position] != closing {
                throw failure("Expected \",\" instead of \"\(characters[position])\".")
            }
        }
    }

    private mutating func field() throws(GraphAPIError) -> FieldRequest {
        var request = FieldRequest(name: try name())
        while position < characters.count {
            switch characters[position] {
            case ".":
                position += 1
                let modifier = try name()
                let argument = try parenthesised()
                guard modifier == "limit" else {
                    throw GraphAPIError.invalidParameter("(#100) Unknown field modifier \(modifier) on \(request.name)")
                }
                guard let limit = Int(argument), limit > 0 else {
                    throw GraphAPIError.invalidParameter(
                        "(#100) The limit of \(request.name) must be a positive integer"
                    )
                }
                request.limit = limit
            case "{":
                guard request.subfields == nil else {
                    throw failure("Expected \",\" instead of \"{\".")
                }
                position += 1
                let start = position
                request.subfields = try list(closing: "}")
                request.subfieldsText = String(characters[start..<position])
                position += 1
            default:
                return request
            }
        }
        return request
    }

    private mutating func name() throws(GraphAPIError) -> String {
        let start = position
        while position < characters.count, characters[position].isASCII,
            characters[position].isLetter || characters[position].isNumber || characters[position] == "_"
        {
            position += 1
        }
        guard position > start else {
            let found = position < characters.count ? "\"\(characters[position])\"" : "end of string"
            throw failure("Expected a field name instead of \(found).")
        }
        return String(characters[start..<position])
    }

    private mutating func parenthesised() throws(GraphAPIError) -> String {
        guard position < characters.count, characters[position] == "(" else {
            throw failure("Expected \"(\".")
        }
        position += 1
        let start = position
        while position < characters.count, characters[position] != ")" {
            position += 1
        }
        guard position < characters.count else {
            throw failure("Expected \")\" instead of end of string.")
        }
        position += 1
        return String(characters[start..<(position - 1)]).trimmingSpaces
    }

    private mutating func skipSpaces() {
        while position < characters.count, characters[position] == " " {
            position += 1
        }
    }

    private func failure(_ detail: String) -> GraphAPIError {
        .syntax(detail, at: position, in: text)
    }
}

import IGCore

/// The id of a Graph object as a record carries it: the API sends strings, but a number is accepted too, so
/// that a media whose id arrives as a JSON number (of any length) still gets its insights and comments.
enum GraphID {
    /// The id in `value`, as text; `nil` when it is neither a string nor an integer.
    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: text
        case .int(let number)?: String(number)
        case .number(let digits)? where digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber): digits
        default: nil
        }
    }
}

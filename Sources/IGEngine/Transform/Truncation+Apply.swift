extension Truncation {
    /// Cuts `text` to at most `maxLength` grapheme clusters, the ellipsis included, never splitting a
    /// character (an emoji with skin tone, a flag, a letter with combining marks). Text that fits is returned
    /// unchanged; when `maxLength` is shorter than the ellipsis, the text is cut without one.
    public func apply(to text: String) -> String {
        // A grapheme is at least one byte: a short enough text needs no counting.
        guard maxLength >= 0, text.utf8.count > maxLength else { return text }
        guard let limit = text.index(text.startIndex, offsetBy: maxLength, limitedBy: text.endIndex),
            limit != text.endIndex
        else { return text }
        let ellipsisLength = ellipsis.count
        guard ellipsisLength <= maxLength else { return String(text[..<limit]) }
        let cut = text.index(text.startIndex, offsetBy: maxLength - ellipsisLength)
        return String(text[..<cut]) + ellipsis
    }
}

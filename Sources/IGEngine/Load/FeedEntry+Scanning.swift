extension FeedEntry {
    /// The elements that start with `start` and end with `end` (both markup that never occurs in text), with
    /// the text of the first `<idElement …>…</idElement>` inside each as the id (XML-unescaped).
    static func xmlEntries(in bytes: [UInt8], start: String, end: String, idElement: String) -> [FeedEntry] {
        let start = Array(start.utf8)
        let end = Array(end.utf8)
        let idOpen = Array("<\(idElement)".utf8)
        let idClose = Array("</\(idElement)>".utf8)
        var entries: [FeedEntry] = []
        var cursor = 0
        while let first = find(start, in: bytes, from: cursor),
            let last = find(end, in: bytes, from: first + start.count)
        {
            let stop = last + end.count
            cursor = stop
            guard let open = find(idOpen, in: bytes, from: first), open < last,
                let tagEnd = bytes[open..<last].firstIndex(of: UInt8(ascii: ">")),
                let close = find(idClose, in: bytes, from: tagEnd), close < last
            else { continue }
            let id = unescapeXML(String(decoding: bytes[(tagEnd + 1)..<close], as: UTF8.self))
            entries.append(FeedEntry(id: id, bytes: bytes[first..<stop]))
        }
        return entries
    }

    /// The index of the first `needle` in `bytes` at or after `start`.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let head = needle.first, needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == head, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// Undoes the escaping libxml2 applies to text.
    private static func unescapeXML(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"")
            .replacing("&apos;", with: "'").replacing("&#39;", with: "'").replacing("&amp;", with: "&")
    }
}

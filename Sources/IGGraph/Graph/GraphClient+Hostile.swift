import IGCore

extension GraphClient {
    /// Refuses a request path that is not made of `me`, Graph ids (digits) and edge names (`[a-z_]+`), before
    /// anything is sent: ids come from API responses, and an id such as `../../steal/x` or one holding CR/LF
    /// would otherwise send the token to another path.
    ///
    /// - Throws: `GraphError` of category `.badData` naming the path, control characters escaped.
    static func checkPath(_ path: String) throws(GraphError) {
        let segments = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            // A leading slash gives one empty first segment; any other empty segment is refused.
            if index == 0, segment.isEmpty, segments.count > 1 { continue }
            guard !isPathSegment(segment) else { continue }
            throw GraphError(
                category: .badData,
                message:
                    "refusing to request \(printable(path)): \(printable(String(decoding: segment, as: UTF8.self)))"
                    + " is not a Graph id, `me` or an edge name, so the object it names is not fetched"
            )
        }
    }

    private static func isPathSegment(_ segment: Substring.UTF8View) -> Bool {
        guard !segment.isEmpty else { return false }
        if segment.elementsEqual("me".utf8) { return true }
        if segment.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) { return true }
        return segment.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || $0 == UInt8(ascii: "_") }
    }

    /// `text` from the API with the token taken out, raw and percent-encoded, and control characters escaped,
    /// so that an API that echoes the token, or sends CR/LF, cannot leak it into logs or forge log lines.
    func scrubbed(_ text: String) -> String {
        var result = text
        if !token.value.isEmpty {
            for form in Set([token.value, Self.percentEncoded(token.value), Self.formEncoded(token.value)]) {
                result = result.replacing(form, with: "<redacted>")
            }
        }
        return Self.printable(result)
    }

    /// `text` with C0 controls and DEL escaped as `\u{…}`, at most 200 characters.
    static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars.prefix(200) {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > 200 ? result + "…" : result
    }

    /// The token as an HTML form would encode it (`+` for space, the rest percent-encoded).
    private static func formEncoded(_ text: String) -> String {
        percentEncoded(text).replacing("%20", with: "+")
    }
}

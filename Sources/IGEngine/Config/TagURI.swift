/// `tag:` URIs (RFC 4151), the ids of feed items and feeds: `tag:instagram.com,2010:media/17900000000000000`.
enum TagURI {
    /// Whether `authority` is `DOMAIN,YYYY[-MM[-DD]]` (or `EMAIL,DATE`) in the form the W3C validator accepts.
    static func isValidAuthority(_ authority: String) -> Bool {
        let parts = authority.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        // The validator's pattern: an optional `user@` (which may hold `_`), then a domain of `a-z0-9.-`.
        let name = parts[0].split(separator: "@", omittingEmptySubsequences: false)
        guard let domain = name.last, name.count <= 2,
            name.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(isNameByte) }),
            !domain.contains("_")
        else { return false }
        let date = parts[1].split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(date.count), date[0].utf8.count == 4 else { return false }
        return date.dropFirst().allSatisfy { $0.utf8.count == 2 } && date.allSatisfy { $0.utf8.allSatisfy(isDigit) }
    }

    /// The URI `tag:AUTHORITY:SPECIFIC`, with the bytes RFC 4151 does not allow in `specific` percent-encoded.
    static func make(authority: String, specific: String) -> String {
        var result = "tag:\(authority):"
        for byte in specific.utf8 {
            if isNameByte(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ":") {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                result.unicodeScalars.append("%")
                result.unicodeScalars.append(hex[Int(byte >> 4)])
                result.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return result
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || isDigit(byte) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
    }
}

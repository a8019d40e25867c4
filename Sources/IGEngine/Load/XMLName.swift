/// Element names for record keys in the XML sink.
///
/// A key becomes the element name when it is a safe ASCII XML name: a letter or `_`, then letters, digits,
/// `_`, `-` or `.`, not starting with `xml` (reserved) and without `:` (namespaces). Any other key (`2nd`,
/// `a b`, `café`, empty) is written as `<field name="KEY">`, so every record yields a well-formed document.
enum XMLName {
    /// Whether `key` can be used as an element name as it is.
    static func isSafe(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { bytes in
            guard let first = bytes.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
            if bytes.count >= 3, bytes[0] | 0x20 == UInt8(ascii: "x"), bytes[1] | 0x20 == UInt8(ascii: "m"),
                bytes[2] | 0x20 == UInt8(ascii: "l")
            {
                return false
            }
            return bytes.allSatisfy { byte in
                isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            }
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }
}

extension String {
    /// The text with every character a terminal would act on written as a JSON-style `\uXXXX` escape: C0
    /// controls but the line feed, DEL, C1 controls and the bidirectional overrides.
    ///
    /// Timestamps, captions and error messages come from the API; printed raw, an escape sequence in one can
    /// rewrite the screen, forge a line or set the window title. The escape is JSON's, so a JSON line passed
    /// through this still parses to the same value.
    public var terminalSafe: String {
        guard unicodeScalars.contains(where: Self.isUnsafe) else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 16)
        for scalar in unicodeScalars {
            if Self.isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

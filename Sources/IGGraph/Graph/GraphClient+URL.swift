extension GraphClient {
    /// The URL of a request: `api/apiVersion/path?parameters&access_token=…`, every name and value
    /// percent-encoded and the token last. Never log it: pass it through `redacted(_:)`.
    public func url(_ path: String, parameters: [(String, String)]) -> String {
        var base = api
        while base.hasSuffix("/") {
            base.removeLast()
        }
        if !apiVersion.isEmpty {
            base += "/" + apiVersion
        }
        base += path.hasPrefix("/") ? path : "/" + path
        let query = (parameters + [("access_token", token.value)])
            .map { Self.percentEncoded($0.0) + "=" + Self.percentEncoded($0.1) }
            .joined(separator: "&")
        return base + "?" + query
    }

    /// `text` with every byte but the unreserved ones and `,` `(` `)` percent-encoded. The three are left as
    /// they are so that field lists (`children{id}`, `.limit(5)`) stay readable in logs; braces are encoded.
    static func percentEncoded(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: ","), UInt8(ascii: "("), UInt8(ascii: ")"):
                result.append(byte)
            default:
                result.append(UInt8(ascii: "%"))
                result.append(hexDigits[Int(byte >> 4)])
                result.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The percent-decoded value of the query parameter `name` in `url`, or `nil` when it is absent.
    static func queryValue(named name: String, in url: String) -> String? {
        guard let query = url.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for parameter in query.split(separator: "&") {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if percentDecoded(pair[0]) == name {
                return pair.count > 1 ? percentDecoded(pair[1]) : ""
            }
        }
        return nil
    }

    private static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let high = hexValue(iterator[iterator.startIndex]),
                let low = hexValue(iterator[iterator.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

private let hexDigits = Array("0123456789ABCDEF".utf8)

/// An opaque paging cursor. It names the edge, the object whose edge it pages and a position (an ordinal: the
/// item's place counted from the oldest, which does not move when newer items appear), plus the time it was
/// issued when cursors expire. Its bytes are scrambled with a key from the seed and checked on return, and it
/// starts with `QVFI` like Graph's.
struct PageCursor: Equatable {
    enum Edge: UInt8 {
        case media = 1
        case stories = 2
        case children = 3
        case comments = 4
        case replies = 5
    }

    var edge: Edge
    var parent: UInt64
    var position: Int
    /// Milliseconds since 1970 when issued; 0 when cursors never expire, so that pages stay byte-for-byte
    /// repeatable.
    var issuedAt: Int64

    private static let prefix: [UInt8] = Array("AQH".utf8)

    func encoded(key: UInt64) -> String {
        var payload: [UInt8] = [edge.rawValue]
        append(parent, to: &payload)
        append(UInt64(position), to: &payload)
        append(UInt64(bitPattern: issuedAt), to: &payload)
        let check = UInt16(truncatingIfNeeded: SeededRandom.hash(payload.map { UInt64($0) }))
        payload.append(UInt8(check >> 8))
        payload.append(UInt8(check & 0xFF))
        return Base64URL.encode(Self.prefix + Self.scramble(payload, key: key))
    }

    static func decode(_ text: String, key: UInt64) -> PageCursor? {
        guard let bytes = Base64URL.decode(text), bytes.count == 3 + 27,
            Array(bytes.prefix(3)) == prefix
        else { return nil }
        let payload = scramble(Array(bytes.dropFirst(3)), key: key)
        let check = UInt16(truncatingIfNeeded: SeededRandom.hash(payload.prefix(25).map { UInt64($0) }))
        guard payload[25] == UInt8(check >> 8), payload[26] == UInt8(check & 0xFF),
            let edge = Edge(rawValue: payload[0])
        else { return nil }
        let position = word(payload, at: 9)
        guard position <= UInt64(Int.max) else { return nil }
        return PageCursor(
            edge: edge,
            parent: word(payload, at: 1),
            position: Int(position),
            issuedAt: Int64(bitPattern: word(payload, at: 17))
        )
    }

    private func append(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    private static func word(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        bytes[offset..<(offset + 8)].reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func scramble(_ bytes: [UInt8], key: UInt64) -> [UInt8] {
        var random = SeededRandom(key, 0x4355_5253_4F52)
        var stream: UInt64 = 0
        return bytes.enumerated().map { index, byte in
            if index % 8 == 0 {
                stream = random.next()
            }
            return byte ^ UInt8(truncatingIfNeeded: stream >> UInt64(index % 8 * 8))
        }
    }
}

/// Base64 with the URL-safe alphabet and no padding, so cursors travel in query strings unescaped.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = UInt32(0)
            for (offset, byte) in chunk.enumerated() {
                value |= UInt32(byte) << UInt32(16 - offset * 8)
            }
            for offset in 0...chunk.count {
                output.append(alphabet[Int(value >> UInt32(18 - offset * 6)) & 0x3F])
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        for character in text.utf8 {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            values.append(UInt8(value))
        }
        guard values.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        var index = 0
        while index < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            var value = UInt32(0)
            for (offset, sextet) in chunk.enumerated() {
                value |= UInt32(sextet) << UInt32(18 - offset * 6)
            }
            for offset in 0..<(chunk.count - 1) {
                output.append(UInt8(truncatingIfNeeded: value >> UInt32(16 - offset * 8)))
            }
            index += 4
        }
        return output
    }
}

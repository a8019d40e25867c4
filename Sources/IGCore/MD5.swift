import Foundation

/// MD5 (RFC 1321), incrementally: S3 checks each uploaded object and part against its `Content-MD5` header,
/// the one integrity check that every S3-compatible service (GCS, MinIO, R2, B2) honours. Not for security.
public struct MD5: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476)
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    /// Starts an empty digest.
    public init() {
        pending.reserveCapacity(64)
    }

    /// Adds bytes.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        length &+= UInt64(bytes.count)
        pending.append(contentsOf: bytes)
        var start = 0
        while pending.count - start >= 64 {
            compress(pending[start..<start + 64])
            start += 64
        }
        pending.removeFirst(start)
    }

    /// The 16 bytes of the digest of everything added.
    public func digest() -> [UInt8] {
        var copy = self
        let bits = length &* 8
        var tail: [UInt8] = [0x80]
        while (copy.pending.count + tail.count) % 64 != 56 { tail.append(0) }
        for shift in stride(from: 0, through: 56, by: 8) { tail.append(UInt8(truncatingIfNeeded: bits >> shift)) }
        copy.pending += tail
        var start = 0
        while start < copy.pending.count {
            copy.compress(copy.pending[start..<start + 64])
            start += 64
        }
        var result: [UInt8] = []
        for word in [copy.state.0, copy.state.1, copy.state.2, copy.state.3] {
            for shift in stride(from: 0, through: 24, by: 8) { result.append(UInt8(truncatingIfNeeded: word >> shift)) }
        }
        return result
    }

    private mutating func compress(_ block: ArraySlice<UInt8>) {
        var words = [UInt32](repeating: 0, count: 16)
        let base = block.startIndex
        for index in 0..<16 {
            let offset = base + index * 4
            words[index] =
                UInt32(block[offset]) | UInt32(block[offset + 1]) << 8 | UInt32(block[offset + 2]) << 16
                | UInt32(block[offset + 3]) << 24
        }
        var (a, b, c, d) = state
        for round in 0..<64 {
            var f: UInt32
            let g: Int
            switch round {
            case 0..<16:
                f = (b & c) | (~b & d)
                g = round
            case 16..<32:
                f = (d & b) | (~d & c)
                g = (5 * round + 1) % 16
            case 32..<48:
                f = b ^ c ^ d
                g = (3 * round + 5) % 16
            default:
                f = c ^ (b | ~d)
                g = (7 * round) % 16
            }
            f = f &+ a &+ MD5.constants[round] &+ words[g]
            a = d
            d = c
            c = b
            b = b &+ ((f << MD5.shifts[round]) | (f >> (32 - MD5.shifts[round])))
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
    }

    private static let shifts: [UInt32] =
        [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22]
        + [5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20]
        + [4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23]
        + [6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21]

    /// floor(abs(sin(i + 1)) * 2^32), as RFC 1321 tabulates them.
    private static let constants: [UInt32] = (0..<64).map { index in
        UInt32(truncatingIfNeeded: Int64((abs(sin(Double(index + 1))) * 4_294_967_296).rounded(.down)))
    }
}

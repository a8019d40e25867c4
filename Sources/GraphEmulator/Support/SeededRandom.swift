/// A SplitMix64 generator. Every value the emulator makes up is derived from the seed and a position (an account,
/// a media ordinal, a request number), so the same seed always yields the same bytes, in whatever order the
/// requests arrive. The ranges are computed here rather than with the standard library's `random(in:using:)`,
/// whose algorithm may change between toolchains.
struct SeededRandom {
    private var state: UInt64

    init(_ parts: UInt64...) {
        state = Self.hash(parts)
    }

    static func hash(_ parts: UInt64...) -> UInt64 {
        hash(parts)
    }

    static func hash(_ parts: [UInt64]) -> UInt64 {
        var value: UInt64 = 0x243F_6A88_85A3_08D3
        for part in parts {
            value = mix((value ^ part) &+ 0x9E37_79B9_7F4A_7C15)
        }
        return value
    }

    static func mix(_ input: UInt64) -> UInt64 {
        var value = input
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A number in [0, 1) from a hash, for rate-based decisions that must not depend on a generator's state.
    static func unit(_ parts: UInt64...) -> Double {
        Double(hash(parts) >> 11) * 0x1.0p-53
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next().multipliedFullWidth(by: span).high)
    }

    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    mutating func pick<Element>(_ items: [Element]) -> Element {
        items[int(0...(items.count - 1))]
    }

    /// Characters drawn from `alphabet`, as in tokens, shortcodes and CDN signatures.
    mutating func text(_ length: Int, from alphabet: [Character]) -> String {
        var result = ""
        result.reserveCapacity(length)
        for _ in 0..<length {
            result.append(pick(alphabet))
        }
        return result
    }

    /// A decimal number of exactly `digits` digits, the first one not zero.
    mutating func digits(_ digits: Int) -> String {
        var result = String(int(1...9))
        for _ in 1..<digits {
            result.append(String(int(0...9)))
        }
        return result
    }

    static let base62 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    static let base64URL = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
}

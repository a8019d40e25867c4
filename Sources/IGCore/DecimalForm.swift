/// A decimal number reduced to sign, significant digits and exponent, so that two spellings of one value
/// (`1E3`, `1000`, `1000.0`, `1e+03`) compare equal.
///
/// The parser uses it to tell whether a `Double` holds a literal exactly: the literal and the double's
/// shortest round-trip text must reduce to the same form.
struct DecimalForm: Equatable {
    var negative = false
    /// The significant digits, without leading or trailing zeros; empty for zero.
    var digits: [UInt8] = []
    /// The power of ten of the position just before the first significant digit.
    var exponent = 0

    /// Reduces JSON number text (or Swift's shortest `Double` text, which has the same shape).
    init(_ text: some Collection<UInt8>) {
        var pointPosition = 0
        var seenPoint = false
        var explicitExponent = 0
        var exponentNegative = false
        var inExponent = false
        for byte in text {
            switch byte {
            case UInt8(ascii: "-") where inExponent: exponentNegative = true
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "0")...UInt8(ascii: "9") where inExponent:
                // Capped: any exponent this large already made the double infinite or zero.
                if explicitExponent < 1_000_000 { explicitExponent = explicitExponent * 10 + Int(byte - 48) }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits.isEmpty, byte == UInt8(ascii: "0") {
                    if seenPoint { pointPosition -= 1 }
                    continue
                }
                digits.append(byte)
                if !seenPoint { pointPosition += 1 }
            default: break
            }
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        exponent = digits.isEmpty ? 0 : pointPosition + (exponentNegative ? -explicitExponent : explicitExponent)
    }

    /// Reduces a finite double's shortest round-trip text; a non-finite double matches no literal.
    init?(_ value: Double) {
        guard value.isFinite else { return nil }
        self.init(value.description.utf8)
    }
}

/// When a fault fires: on a share of requests, or on every Kth request.
public enum FaultTrigger: Sendable, Equatable {
    /// On this share of requests (0...1), chosen from the seed and the request's sequence number.
    case rate(Double)
    /// On requests number K, 2K, 3K… (requests are numbered from 1 in the order they arrive).
    case every(Int)

    /// Parses `0.1` or `every:7`.
    public init(parsing text: Substring, item: String) throws(EmulatorConfigurationError) {
        if text.hasPrefix("every:") {
            guard let period = Int(text.dropFirst("every:".count)), period > 0 else {
                throw EmulatorConfigurationError(item: item, message: "every:K needs K, a whole number above 0")
            }
            self = .every(period)
        } else if let rate = Double(text), rate >= 0, rate <= 1 {
            self = .rate(rate)
        } else {
            throw EmulatorConfigurationError(
                item: item,
                message: "a fault fires at a rate between 0 and 1 (e.g. 0.1) or on every Kth request (every:7)"
            )
        }
    }

    func fires(sequence: UInt64, seed: UInt64, salt: UInt64) -> Bool {
        switch self {
        case .rate(let rate): SeededRandom.unit(seed, salt, sequence) < rate
        case .every(let period): sequence % UInt64(period) == 0
        }
    }
}

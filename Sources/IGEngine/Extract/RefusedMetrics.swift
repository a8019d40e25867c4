import IGCore

/// The metrics the API refused for a kind of media (`media_product_type` and `media_type`: `shares` is refused
/// on FEED images but served on FEED carousels), remembered for the rest of the run so that later media of that
/// kind do not pay a refused request each. Shared by every account of a run.
public final class RefusedMetrics: Sendable {
    private let refused = Locked<[String: Set<String>]>([:])

    /// Creates an empty memory.
    public init() {}

    /// The metrics refused for `kind`.
    func metrics(for kind: String) -> Set<String> {
        refused.withLock { $0[kind] ?? [] }
    }

    /// Remembers that `metric` is refused for `kind`.
    func add(_ metric: String, for kind: String) {
        _ = refused.withLock { $0[kind, default: []].insert(metric) }
    }

    /// The name of the refused metric in the API's message, when it names exactly one of `wanted`: "(#100) The
    /// metric shares is not supported…", "…does not support the views metric…", "metric[3] must be one of…".
    public static func named(in message: String, among wanted: [String]) -> String? {
        if let open = message.range(of: "metric["), let close = message[open.upperBound...].firstIndex(of: "]"),
            let index = Int(message[open.upperBound..<close]), wanted.indices.contains(index)
        {
            return wanted[index]
        }
        let words = Set(message.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
        let named = wanted.filter(words.contains)
        return named.count == 1 ? named[0] : nil
    }
}

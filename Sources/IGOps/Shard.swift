/// One of `count` shards of a pipeline's accounts, and the rule that gives every account its shard.
///
/// The rule is rendezvous (highest-random-weight) hashing: an account belongs to the shard whose weight
/// `weight(account, shard)` is the highest, the lowest shard number winning a tie. The weight is 64-bit
/// FNV-1a over the account id's UTF-8 bytes, a 0 byte and the shard number in decimal, passed through the
/// murmur3 64-bit finaliser (FNV-1a alone barely mixes a last byte that changes). It depends on nothing but
/// those bytes, so every machine and every version of igexport agrees. Going from N to M shards moves only
/// the accounts whose shard disappears (M < N) or whose new top weight is one of the new shards (M > N).
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// The shard's number, from 0.
    public let index: Int
    /// How many shards there are.
    public let count: Int

    /// The shard `index` of `count`; `nil` unless `0 <= index < count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// `I/N`, as metrics labels and the summary show it.
    public var description: String { "\(index)/\(count)" }

    /// Whether `account` belongs to this shard.
    public func owns(_ account: String) -> Bool {
        Self.shard(of: account, count: count) == index
    }

    /// The shard of `account` among `count` shards.
    public static func shard(of account: String, count: Int) -> Int {
        var best = 0
        var bestWeight: UInt64 = 0
        for shard in 0..<max(count, 1) {
            let weight = weight(account: account, shard: shard)
            if shard == 0 || weight > bestWeight {
                best = shard
                bestWeight = weight
            }
        }
        return best
    }

    /// The weight of `account` on `shard` (see the type's documentation).
    static func weight(account: String, shard: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        for byte in account.utf8 { add(byte) }
        add(0)
        for byte in String(shard).utf8 { add(byte) }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash &*= 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash
    }
}

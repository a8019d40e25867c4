import Testing

@testable import IGOps

@Suite struct ShardTests {
    private static let accounts = (0..<2000).map { "178414\(String(format: "%011d", $0 * 7919))" }

    @Test func theAssignmentIsPinnedSoEveryMachineAndVersionAgrees() {
        #expect(
            ["me", "17841400000000001", "17841400000000002", "17841400000000003"].map {
                Shard.shard(of: $0, count: 8)
            } == [1, 7, 2, 6]
        )
        #expect(Shard.shard(of: "17841400000000001", count: 5) == 2)
        #expect(Shard.shard(of: "anything", count: 1) == 0)
    }

    @Test func fewerShardsMoveOnlyTheAccountsOfTheShardsThatDisappear() {
        for account in Self.accounts {
            let before = Shard.shard(of: account, count: 8)
            let after = Shard.shard(of: account, count: 5)
            if before < 5 { #expect(after == before, "\(account) moved from a shard that still exists") }
        }
    }

    @Test func moreShardsMoveAccountsOnlyToTheNewShards() {
        var moved = 0
        for account in Self.accounts {
            let before = Shard.shard(of: account, count: 5)
            let after = Shard.shard(of: account, count: 8)
            if after != before {
                moved += 1
                #expect(after >= 5, "\(account) moved between two shards that both existed")
            }
        }
        // Rendezvous hashing moves about 3/8 of the accounts to the three new shards.
        #expect((600...900).contains(moved))
    }

    @Test func accountsSpreadEvenlyOverTheShards() {
        var counts = [Int](repeating: 0, count: 8)
        for account in Self.accounts { counts[Shard.shard(of: account, count: 8)] += 1 }
        #expect(counts.allSatisfy { (200...300).contains($0) }, "\(counts)")
    }

    @Test func aShardOwnsExactlyItsAccountsAndIsNamedIOfN() throws {
        let shards = (0..<8).compactMap { Shard(index: $0, count: 8) }
        for account in Self.accounts.prefix(100) {
            #expect(shards.filter { $0.owns(account) }.count == 1)
        }
        #expect(try #require(Shard(index: 3, count: 8)).description == "3/8")
        #expect(Shard(index: 8, count: 8) == nil)
        #expect(Shard(index: 0, count: 0) == nil)
    }
}

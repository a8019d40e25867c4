extension MediaRecord {
    /// Replies on this media: `comments_count` counts them, the comments edge does not list them (§2.6).
    var replyCount: Int { commentsCount - topLevelComments }

    /// How many replies top-level comment `ordinal` has. The first half of the media's replies go to one busy
    /// comment, so that a replies list runs past a page now and then; the rest are spread under the seed.
    func replies(toComment ordinal: Int, seed: UInt64) -> Int {
        guard replyCount > 0, topLevelComments > 0 else { return 0 }
        var count = 0
        for reply in 0..<replyCount where parentOrdinal(ofReply: reply, seed: seed) == ordinal {
            count += 1
        }
        return count
    }

    private func parentOrdinal(ofReply reply: Int, seed: UInt64) -> Int {
        let mediaKey = UInt64(id) ?? 0
        let busy = SeededRandom.hash(seed, 0x4255_5359, mediaKey)
        let parts =
            reply < (replyCount + 1) / 2 ? busy : SeededRandom.hash(seed, 0x5245_504C_59, mediaKey, UInt64(reply))
        return Int(parts % UInt64(topLevelComments))
    }
}

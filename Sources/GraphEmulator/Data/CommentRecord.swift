/// A top-level comment or a reply, made on demand from the seed, the media and the comment's ordinal (0 =
/// oldest), so comments cost no memory until asked for and come back the same every time.
///
/// Ids say where a comment is, so `/{comment-id}/replies` finds it without an index: a comment is `18`, the
/// media's account and ordinal (9 digits), its own ordinal (4) and 4 random digits; a reply is `178`, the same 9
/// digits, its parent's ordinal (4), its own ordinal (2) and 1 random digit. Both are 19 digits long, which no
/// media, child or story id is.
struct CommentRecord {
    let id: String
    let text: String
    let timestamp: Int64
    let username: String
    let userID: String
    let likeCount: Int
    let hidden: Bool
    /// The comment a reply answers; nil on top-level comments.
    let parentID: String?

    private static let commenters = [
        "ana_maria", "bjorn.t", "chloé.paris", "dev_null", "emoji.lover", "fatima.k", "guo_wei", "x", "yusuf.ali",
        "zoë_zoë",
    ]

    init(seed: UInt64, media: MediaRecord, ordinal: Int) {
        var random = SeededRandom(seed, 0x434F_4D4D_454E_54, UInt64(media.id) ?? 0, UInt64(ordinal))
        let digits = String(media.id.dropFirst(2).prefix(9))
        let number = String(ordinal)
        id = "18" + digits + String(repeating: "0", count: max(0, 4 - number.count)) + number + random.digits(4)
        text = CaptionGenerator.comment(&random)
        timestamp = media.timestamp + Int64(120 * (ordinal + 1) + random.int(0...100))
        let commenter = random.int(0...(Self.commenters.count - 1))
        username = Self.commenters[commenter]
        userID = "17841" + String(SeededRandom.hash(seed, UInt64(commenter)) % 900_000_000_000 + 100_000_000_000)
        likeCount = random.chance(0.6) ? 0 : random.int(1...300)
        hidden = random.chance(0.03)
        parentID = nil
    }

    /// Reply number `ordinal` (0 = oldest) to `parent`, the top-level comment number `parentOrdinal` of `media`.
    init(seed: UInt64, media: MediaRecord, parent: CommentRecord, parentOrdinal: Int, ordinal: Int) {
        var random = SeededRandom(seed, 0x5245_504C_59, UInt64(media.id) ?? 0, UInt64(parentOrdinal), UInt64(ordinal))
        id =
            "178" + media.id.dropFirst(2).prefix(9) + Self.pad(parentOrdinal, 4) + Self.pad(ordinal, 2)
            + random.digits(1)
        text = CaptionGenerator.comment(&random)
        timestamp = parent.timestamp + Int64(60 * (ordinal + 1) + random.int(0...50))
        let commenter = random.int(0...(Self.commenters.count - 1))
        username = Self.commenters[commenter]
        userID = "17841" + String(SeededRandom.hash(seed, UInt64(commenter)) % 900_000_000_000 + 100_000_000_000)
        likeCount = random.chance(0.7) ? 0 : random.int(1...40)
        hidden = random.chance(0.03)
        parentID = parent.id
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

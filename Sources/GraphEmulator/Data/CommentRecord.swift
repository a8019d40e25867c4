/// A top-level comment, made on demand from the seed, the media and the comment's ordinal (0 = oldest), so
/// comments cost no memory until asked for and come back the same every time.
struct CommentRecord {
    let id: String
    let text: String
    let timestamp: Int64
    let username: String
    let userID: String
    let likeCount: Int
    let hidden: Bool

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
    }
}

/// Captions and comment texts made to stress clients: emoji (ZWJ sequences, flags, skin tones), newlines and
/// CRLF, quotes, commas, `<&>`, right-to-left text, control characters, backslashes, hashtags and mentions, and
/// now and then the 2,200-character maximum.
enum CaptionGenerator {
    static let sentences = [
        "Golden hour at the harbour", "New drop this Friday", "Behind the scenes of our spring shoot",
        "Thank you for 10k", "Coffee first, questions later", "Sunday market haul", "Studio day",
        "Swipe for the before and after", "Link in bio", "Three years of this little shop",
        "Rain, again", "Field notes from the coast", "Our team, minus the dog",
    ]
    static let emoji = [
        "🌅", "🔥🔥", "👩🏽‍💻", "🏳️‍🌈", "🇫🇷", "❤️", "😂", "✨", "👨‍👩‍👧‍👦", "🫶🏻", "☕️", "🧑🏿‍🚀",
    ]
    static let awkward = [
        "She said \"ship it\" and we did", "It's the 'small' things", "“curly quotes” and ‘single ones’",
        "Milk, eggs, flour, and a lot of patience", "<b>not bold</b> & <i>not italic</i>", "Fish & chips <3",
        "a < b && c > d", "مرحبا بالعالم", "שלום עולם", "Launch day 🚀 اليوم", "bell\u{0007}ring",
        "\u{0001}start of heading", "back\u{0008}space", "tab\tseparated\tvalues", "unit\u{001F}separator",
        "del\u{007F}ete", "line\u{2028}separator", "zero\u{200B}width", "C:\\Users\\insta\\pics",
        "slashes / and \\ backslashes", "100% real, 0% filter", "ümlaut, café, naïve, Ærø", "東京の夜",
        "ends with a backslash \\",
    ]
    static let hashtags = [
        "#sunset", "#travel", "#café", "#東京", "#2025goals", "#no_filter", "#smallbusiness", "#reels",
        "#BTS", "#مصر",
    ]
    static let mentions = ["@studio.north", "@ana_maria", "@the.real.photog", "@kaffee_und_kuchen", "@x"]

    /// A caption, or nil for a post without one (the field is then absent).
    static func caption(_ random: inout SeededRandom) -> String? {
        let roll = random.unit()
        if roll < 0.08 {
            return nil
        }
        if roll < 0.12 {
            return maximal(&random)
        }
        var parts: [String] = []
        for _ in 0...random.int(0...3) {
            parts.append(piece(&random))
        }
        var text = ""
        for (index, part) in parts.enumerated() {
            if index > 0 {
                text += random.pick([" ", "\n", "\n\n", "\r\n", ". ", " — "])
            }
            text += part
        }
        if random.chance(0.5) {
            text += random.pick(["\n\n", " ", "\n.\n.\n.\n"])
            text += (0..<random.int(1...8)).map { _ in random.pick(hashtags) }.joined(separator: " ")
        }
        if random.chance(0.3) {
            text += " " + random.pick(mentions)
        }
        return text
    }

    /// A comment's text: shorter, never absent.
    static func comment(_ random: inout SeededRandom) -> String {
        var text = piece(&random)
        if random.chance(0.3) {
            text = random.pick(mentions) + " " + text
        }
        return text
    }

    private static func piece(_ random: inout SeededRandom) -> String {
        switch random.int(0...4) {
        case 0: random.pick(emoji)
        case 1, 2: random.pick(awkward)
        default: random.pick(sentences) + (random.chance(0.5) ? " " + random.pick(emoji) : "")
        }
    }

    /// Exactly 2,200 characters, Instagram's caption limit, counted in user-perceived characters.
    private static func maximal(_ random: inout SeededRandom) -> String {
        var text = ""
        while text.count < 2_200 {
            text += piece(&random) + random.pick([" ", "\n", ", "])
        }
        return String(text.prefix(2_200))
    }
}

/// Makes the accounts and media of a dataset from a seed. Each media is derived from the seed, its account and
/// its ordinal alone, so media published later are as repeatable as those made at start.
struct DataGenerator: Sendable {
    let seed: UInt64

    /// 2026-09-01T12:00:00+0000: the newest generated media is a little older than this.
    static let referenceTime: Int64 = 1_788_264_000
    /// Initial media are spread over about two years before the reference time.
    static let span: Int64 = 730 * 86_400

    private static let usernames = [
        "aurora.studio", "north_coast_photo", "kaffee_und_kuchen", "the.daily.loaf", "pixel_garden",
        "sol.y.sombra", "urban.fern", "tidepool.shots",
    ]
    private static let displayNames = [
        "Aurora Studio ✨", "North Coast Photo", "Kaffee & Kuchen", "The \"Daily\" Loaf", "Pixel Garden 🌱",
        "Sol y Sombra", "Urban Fern", "استوديو البحر",
    ]

    func makeDataset(accounts: Int, mediaPerAccount: Int) -> Dataset {
        var dataset = Dataset(accounts: [], locations: [:], referenceTime: Self.referenceTime)
        for index in 0..<accounts {
            let account = makeAccount(index: index, mediaCount: mediaPerAccount)
            for (ordinal, media) in account.media.enumerated() {
                dataset.locations[media.id] = .media(account: index, ordinal: ordinal)
                for (child, record) in media.children.enumerated() {
                    dataset.locations[record.id] = .child(account: index, ordinal: ordinal, index: child)
                }
            }
            for (story, record) in account.stories.enumerated() {
                dataset.locations[record.id] = .story(account: index, index: story)
            }
            dataset.accounts.append(account)
        }
        return dataset
    }

    /// The token of an account's `generation`th issue: 0 at start, then one more per refresh or exchange.
    func token(account: Int, generation: Int) -> String {
        var random = SeededRandom(seed, 0x544F_4B45_4E, UInt64(account), UInt64(generation))
        return "IGAA" + random.text(156, from: SeededRandom.base62)
    }

    func makeAccount(index: Int, mediaCount: Int) -> AccountData {
        var random = SeededRandom(seed, 0x4143_434F_554E_54, UInt64(index))
        let start = Int(seed % UInt64(Self.usernames.count))
        let slot = (start + index) % Self.usernames.count
        let suffix = index >= Self.usernames.count ? String(index) : ""
        let username = Self.usernames[slot] + suffix
        let userID = "17841" + pad(index, 2) + random.digits(10)
        let followers = index % 3 == 2 ? random.int(12...95) : random.int(800...250_000)
        let identity = Identity(index: index, userID: userID, username: username)
        let timestamps = feedTimestamps(account: index, count: mediaCount)
        let media = timestamps.enumerated().map { makeMedia(identity, ordinal: $0.offset, timestamp: $0.element) }
        return AccountData(
            index: index,
            userID: userID,
            appScopedID: "2" + pad(index, 2) + random.digits(16),
            username: username,
            token: token(account: index, generation: 0),
            name: Self.displayNames[slot],
            accountType: index % 2 == 0 ? "Business" : "Media_Creator",
            biography: "Photos, reels & \"stories\" from the coast 🌊\nDMs open · مرحبا",
            website: "https://example.com/" + username + "?utm_source=ig&utm_medium=bio",
            profilePictureURL: cdnURL(&random, video: false),
            followersCount: followers,
            followsCount: random.int(0...2_000),
            media: media,
            stories: makeStories(identity)
        )
    }

    /// Strictly increasing timestamps, oldest first, the newest a few hours before the reference time.
    private func feedTimestamps(account: Int, count: Int) -> [Int64] {
        var random = SeededRandom(seed, 0x5449_4D45, UInt64(account))
        let average = max(Self.span / Int64(max(count, 1)), 2)
        var current = Self.referenceTime - Int64(random.int(3_600...43_200))
        var result = [Int64](repeating: 0, count: count)
        for position in stride(from: count - 1, through: 0, by: -1) {
            result[position] = current
            current -= max(1, average / 2 + Int64(random.int(0...Int(average))))
        }
        return result
    }

    /// The timestamp of a media published after `previous`.
    func publishedTimestamp(account: Int, ordinal: Int, after previous: Int64) -> Int64 {
        var random = SeededRandom(seed, 0x5055_424C, UInt64(account), UInt64(ordinal))
        return previous + Int64(random.int(600...10_800))
    }

    struct Identity {
        let index: Int
        let userID: String
        let username: String
    }

    func makeMedia(_ owner: Identity, ordinal: Int, timestamp: Int64) -> MediaRecord {
        var random = SeededRandom(seed, 0x4D45_4449_41, UInt64(owner.index), UInt64(ordinal))
        let id = "17" + pad(owner.index, 2) + pad(ordinal, 7) + random.digits(6)
        let roll = random.unit()
        let mediaType: MediaRecord.MediaType =
            roll < 0.42 ? .image : roll < 0.75 ? .video : .carouselAlbum
        let productType: MediaRecord.ProductType = mediaType == .video && roll >= 0.52 ? .reels : .feed
        var fields = [[UInt8]?](repeating: nil, count: MediaField.allCases.count)
        func set(_ field: MediaField, _ value: String) {
            fields[field.rawValue] = JSONBuffer.fragment(field.name, string: value)
        }
        func setLiteral(_ field: MediaField, _ value: String) {
            fields[field.rawValue] = JSONBuffer.fragment(field.name, literal: value)
        }
        set(.id, id)
        if let caption = CaptionGenerator.caption(&random) {
            set(.caption, caption)
        }
        set(.mediaType, mediaType.rawValue)
        set(.mediaProductType, productType.rawValue)
        let withheld = productType == .reels && random.chance(0.2)
        if !withheld {
            set(.mediaURL, cdnURL(&random, video: mediaType == .video))
        }
        if mediaType == .video && !(withheld && random.chance(0.5)) {
            set(.thumbnailURL, cdnURL(&random, video: false))
        }
        let shortcode = random.text(11, from: SeededRandom.base64URL)
        set(.permalink, "https://www.instagram.com/\(productType == .reels ? "reel" : "p")/\(shortcode)/")
        set(.shortcode, shortcode)
        set(.timestamp, GraphTime.format(timestamp))
        set(.username, owner.username)
        setLiteral(.owner, "{\"id\":\"\(owner.userID)\"}")
        let likes = random.chance(0.05) ? 0 : random.int(1...random.pick([40, 400, 4_000, 90_000]))
        setLiteral(.likeCount, String(likes))
        let comments = commentCount(&random)
        setLiteral(.commentsCount, String(comments))
        setLiteral(.isCommentEnabled, random.chance(0.95) ? "true" : "false")
        if mediaType != .video && random.chance(0.6) {
            set(
                .altText,
                random.pick(["Photo by \(owner.username). May be an image of the sea.", "A cup of ☕ & a croissant"])
            )
        }
        if productType == .reels {
            setLiteral(.isSharedToFeed, random.chance(0.7) ? "true" : "false")
        }
        set(.legacyInstagramMediaID, random.digits(19) + "_" + random.digits(10))
        let children =
            mediaType == .carouselAlbum
            ? (0..<random.int(2...10)).map { makeChild(owner, parent: id, index: $0, timestamp: timestamp) } : []
        return MediaRecord(
            id: id,
            timestamp: timestamp,
            mediaType: mediaType,
            productType: productType,
            fragments: fields,
            hidesLikes: random.chance(0.1),
            likeCount: likes,
            commentsCount: comments,
            topLevelComments: comments - random.int(0...(comments / 4)),
            children: children,
            smallAudience: false
        )
    }

    private func commentCount(_ random: inout SeededRandom) -> Int {
        let roll = random.unit()
        if roll < 0.3 {
            return 0
        }
        if roll < 0.8 {
            return random.int(1...20)
        }
        return roll < 0.95 ? random.int(21...60) : random.int(61...180)
    }

    private func makeChild(_ owner: Identity, parent: String, index: Int, timestamp: Int64) -> MediaRecord {
        var random = SeededRandom(seed, 0x4348_494C_44, UInt64(parent) ?? 0, UInt64(index))
        let id = "18" + parent.dropFirst(2).prefix(9) + String(index) + random.digits(6)
        let mediaType: MediaRecord.MediaType = random.chance(0.75) ? .image : .video
        var fields = [[UInt8]?](repeating: nil, count: MediaField.allCases.count)
        fields[MediaField.id.rawValue] = JSONBuffer.fragment("id", string: id)
        fields[MediaField.mediaType.rawValue] = JSONBuffer.fragment("media_type", string: mediaType.rawValue)
        fields[MediaField.mediaURL.rawValue] = JSONBuffer.fragment(
            "media_url",
            string: cdnURL(&random, video: mediaType == .video)
        )
        if mediaType == .video {
            fields[MediaField.thumbnailURL.rawValue] = JSONBuffer.fragment(
                "thumbnail_url",
                string: cdnURL(&random, video: false)
            )
        }
        fields[MediaField.shortcode.rawValue] = JSONBuffer.fragment(
            "shortcode",
            string: random.text(11, from: SeededRandom.base64URL)
        )
        fields[MediaField.timestamp.rawValue] = JSONBuffer.fragment("timestamp", string: GraphTime.format(timestamp))
        fields[MediaField.username.rawValue] = JSONBuffer.fragment("username", string: owner.username)
        fields[MediaField.owner.rawValue] = JSONBuffer.fragment("owner", literal: "{\"id\":\"\(owner.userID)\"}")
        return MediaRecord(
            id: id,
            timestamp: timestamp,
            mediaType: mediaType,
            productType: nil,
            fragments: fields,
            hidesLikes: false,
            likeCount: 0,
            commentsCount: 0,
            topLevelComments: 0,
            children: [],
            smallAudience: false
        )
    }

    /// Three to six stories from the last 24 hours; the oldest always has too small an audience for insights.
    private func makeStories(_ owner: Identity) -> [MediaRecord] {
        var random = SeededRandom(seed, 0x5354_4F52_59, UInt64(owner.index))
        let count = random.int(3...6)
        let ages = (0..<count).map { _ in Int64(random.int(60...86_000)) }.sorted(by: >)
        return ages.enumerated().map { index, age in
            let id = "179" + pad(owner.index, 2) + pad(index, 4) + random.digits(9)
            let mediaType: MediaRecord.MediaType = random.chance(0.6) ? .image : .video
            var fields = [[UInt8]?](repeating: nil, count: MediaField.allCases.count)
            func set(_ field: MediaField, _ value: String) {
                fields[field.rawValue] = JSONBuffer.fragment(field.name, string: value)
            }
            set(.id, id)
            set(.mediaType, mediaType.rawValue)
            set(.mediaProductType, "STORY")
            set(.mediaURL, cdnURL(&random, video: mediaType == .video))
            if mediaType == .video {
                set(.thumbnailURL, cdnURL(&random, video: false))
            }
            set(.permalink, "https://www.instagram.com/stories/\(owner.username)/\(random.digits(19))/")
            set(.shortcode, random.text(11, from: SeededRandom.base64URL))
            set(.timestamp, GraphTime.format(Self.referenceTime - age))
            set(.username, owner.username)
            fields[MediaField.owner.rawValue] = JSONBuffer.fragment("owner", literal: "{\"id\":\"\(owner.userID)\"}")
            return MediaRecord(
                id: id,
                timestamp: Self.referenceTime - age,
                mediaType: mediaType,
                productType: .story,
                fragments: fields,
                hidesLikes: false,
                likeCount: 0,
                commentsCount: 0,
                topLevelComments: 0,
                children: [],
                smallAudience: index == 0 || random.chance(0.2)
            )
        }
    }

    /// A signed-looking CDN address. Nothing is served there: the emulator only serves the API.
    private func cdnURL(_ random: inout SeededRandom, video: Bool) -> String {
        let signature =
            "&_nc_ohc=" + random.text(15, from: SeededRandom.base64URL) + "&oh=00_"
            + random.text(43, from: SeededRandom.base64URL) + "&oe=" + String(random.next() >> 33, radix: 16)
        if video {
            return "https://scontent.cdninstagram.com/o1/v/t16/f2/m86/" + random.text(32, from: SeededRandom.base62)
                + ".mp4?efg=eyJ2ZW5jb2RlX3RhZyI6InZ0c192b2RfdXJsZ2VuIn0&_nc_ht=scontent.cdninstagram.com&_nc_cat=10"
                + signature
        }
        return "https://scontent.cdninstagram.com/v/t51.29350-15/\(random.digits(9))_\(random.digits(16))_"
            + "\(random.digits(19))_n.jpg?stp=dst-jpg_e35_tt6&_nc_cat=1&ccb=1-7&_nc_sid=18de74" + signature
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

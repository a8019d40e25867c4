/// One file on the emulator's CDN, `/cdn/{id}/{kind}.{ext}?oe={hex expiry}&oh={signature}`: what its URL is and
/// whether a request for it is valid.
struct CDNAddress: Equatable {
    var id: String
    /// `media` or `thumbnail`.
    var kind: String
    /// Whether the file is a video (`mp4`) rather than an image (`jpg`).
    var video: Bool

    /// The URL valid until `expiry` (unix seconds).
    func url(baseURL: String, expiry: Int64, seed: UInt64) -> String {
        let oe = String(UInt64(max(0, expiry)), radix: 16)
        return baseURL + "/cdn/\(id)/\(kind).\(video ? "mp4" : "jpg")?_nc_cat=1&oh=00_"
            + signature(oe: oe, seed: seed) + "&oe=" + oe
    }

    /// The address of a request's path components (`["cdn", id, "media.jpg"]`), or nil for anything else.
    init?(components: [String]) {
        guard components.count == 3, components[0] == "cdn", !components[1].isEmpty,
            components[1].allSatisfy(\.isASCII), components[1].allSatisfy(\.isNumber)
        else { return nil }
        switch components[2] {
        case "media.jpg": (kind, video) = ("media", false)
        case "media.mp4": (kind, video) = ("media", true)
        case "thumbnail.jpg": (kind, video) = ("thumbnail", false)
        default: return nil
        }
        id = components[1]
    }

    init(id: String, kind: String, video: Bool) {
        self.id = id
        self.kind = kind
        self.video = video
    }

    /// The signature of this address with expiry `oe`, which only the emulator's seed makes.
    func signature(oe: String, seed: UInt64) -> String {
        let hash = SeededRandom.hash(
            seed,
            0x5349_47,
            UInt64(id) ?? 0,
            kind == "thumbnail" ? 2 : 1,
            UInt64(oe, radix: 16) ?? 0
        )
        return String(hash, radix: 16)
    }
}

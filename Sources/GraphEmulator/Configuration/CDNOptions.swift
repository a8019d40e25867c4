/// The emulator's CDN: `media_url` and `thumbnail_url` point at the emulator itself (`/cdn/…`), signed with an
/// `oe=` expiry as Instagram's are, and the files behind them are made of deterministic bytes.
public struct CDNOptions: Sendable, Equatable {
    /// How long a URL stays valid after the API hands it out; past it the CDN answers 403, as Instagram's
    /// does with "URL signature expired". Zero makes every URL expired the moment it is listed.
    public var urlLifetime: Duration
    /// URLs read through an edge or an expansion (the media listing, `children{…}`) come already expired, and
    /// only a read of the media by id (`/{id}?fields=media_url`) gives a valid one: what an archiver meets when
    /// it downloads long after listing, made deterministic for tests.
    public var listedURLsExpired: Bool
    /// The size of an image (and of a video's thumbnail); each file is this size less up to an eighth, by id.
    public var imageBytes: Int
    /// The size of a video, varied as `imageBytes` is.
    public var videoBytes: Int
    /// A delay added to every CDN answer.
    public var latency: Duration
    /// CDN requests answered 500 (requests are numbered as the API's are).
    public var http500: FaultTrigger?

    /// Creates the options; the default sizes are small so that tests run fast.
    public init(
        urlLifetime: Duration = .seconds(3_600),
        imageBytes: Int = 2_048,
        videoBytes: Int = 8_192,
        latency: Duration = .zero,
        http500: FaultTrigger? = nil,
        listedURLsExpired: Bool = false
    ) {
        self.listedURLsExpired = listedURLsExpired
        self.urlLifetime = urlLifetime
        self.imageBytes = imageBytes
        self.videoBytes = videoBytes
        self.latency = latency
        self.http500 = http500
    }

    /// The bytes the CDN serves for `kind` (`media` or `thumbnail`) of media `id`: the same for the same seed,
    /// whatever URL they are reached through.
    public func body(seed: UInt64, id: String, kind: String, video: Bool) -> [UInt8] {
        let key = SeededRandom.hash(UInt64(id) ?? 0, kind == "thumbnail" ? 2 : 1)
        let base = max(16, video && kind == "media" ? videoBytes : imageBytes)
        let size = base - Int(key % UInt64(max(1, base / 8)))
        var random = SeededRandom(seed, 0x4344_4E, key)
        var bytes: [UInt8] = video && kind == "media" ? [0, 0, 0, 0x18] + Array("ftypmp42".utf8) : [0xFF, 0xD8, 0xFF]
        bytes.reserveCapacity(size)
        while bytes.count < size {
            let word = random.next()
            for shift in stride(from: 0, to: 64, by: 8) where bytes.count < size {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return bytes
    }
}

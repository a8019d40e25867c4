/// The words that title a media without a caption, followed by its date: "Photo, 28 Feb 2025".
public struct TypeMarkers: Sendable, Equatable {
    public var image = "Photo"
    public var video = "Video"
    /// A video whose `media_product_type` is `REELS`.
    public var reel = "Reel"
    /// `{count}` is replaced by the number of children.
    public var carousel = "Carousel of {count}"

    /// Creates the default markers.
    public init() {}
}

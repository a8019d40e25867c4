/// An item as written in a feed file: its id and its bytes (`<item>…</item>`, `<entry>…</entry>` or a JSON
/// object), read back from a resumed partial file or from the feed the previous run published.
struct FeedEntry: Equatable {
    var id: String
    var bytes: ArraySlice<UInt8>
}

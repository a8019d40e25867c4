import Testing

extension Tag {
    /// Suites that start the built binary, many times for some. Swift 6.3's `swift test` cannot filter by tag
    /// yet, so the README runs the fast tests alone with `--skip EndToEndTests`, where every slow suite lives.
    @Tag static var slow: Self
}

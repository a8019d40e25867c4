/// The iterator of a stream of one page, read on the first call: the profile, and the fan-out streams, whose page
/// is made of one request (or one edge) per media of the page they derive from.
public struct SinglePageIterator: AsyncIteratorProtocol {
    private var read: (@Sendable () async throws -> Page)?

    init(_ read: @escaping @Sendable () async throws -> Page) {
        self.read = read
    }

    public mutating func next() async throws -> Page? {
        guard let read else { return nil }
        self.read = nil
        return try await read()
    }
}

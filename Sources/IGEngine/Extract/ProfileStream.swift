import IGCore

/// An account's profile (`/{account}`): one page of one record, which every other record's `account_id` and
/// `username` come from (see `AccountContext`).
///
/// The docs show `/me` both flat and wrapped in `{"data":[{...}]}`; both are read.
public struct ProfileStream: AsyncSequence, Sendable {
    public typealias Element = Page

    private let context: StreamContext
    private let fields: [String]

    /// Creates the stream; `fields` are the profile fields to ask for.
    public init(_ context: StreamContext, fields: [String]) {
        self.context = context
        self.fields = fields
    }

    public func makeAsyncIterator() -> SinglePageIterator {
        SinglePageIterator { [self] in try await read() }
    }

    /// Reads the profile: a page of one record whose position is done.
    public func read() async throws -> Page {
        var profile = try await context.client.object(
            context.account,
            parameters: [("fields", fields.joined(separator: ","))]
        )
        if profile["user_id"] == nil, let first = profile["data"]?.arrayValue?.first?.objectValue {
            profile = first
        }
        var position = StreamPosition(done: true)
        position.pages = 1
        position.records = 1
        return Page(stream: .profile, account: context.account, records: [profile], position: position)
    }
}

/// One authenticated request being answered: what it asked, who asked, and the snapshot of data it reads.
/// It lives for one request on one thread, so it is a class only to let nested renderers share its state.
final class GraphExchange {
    let request: EmulatorRequest
    let dataset: Dataset
    let account: AccountData
    let token: String
    let baseURL: String
    let seed: UInt64
    let cursorKey: UInt64
    let cursorTTL: Duration?
    /// Wall-clock milliseconds, stamped into cursors when they expire.
    let now: Int64
    /// The `empty` fault fired: the first edge page rendered comes back empty, its `next` unchanged.
    let emptyPageRequested: Bool
    var answeredEmptyPage = false
    let behaviour: EmulatorBehaviour
    /// How many media each account started with: the pre-conversion media are counted on these, so that
    /// media published later never move an old post across the conversion.
    let initialMedia: Int
    /// The emulator's CDN, which `media_url` and `thumbnail_url` point at when it is on.
    let cdn: CDNOptions?

    init(
        request: EmulatorRequest,
        dataset: Dataset,
        account: AccountData,
        token: String,
        baseURL: String,
        seed: UInt64,
        cursorTTL: Duration?,
        now: Int64,
        emptyPage: Bool,
        behaviour: EmulatorBehaviour,
        initialMedia: Int,
        cdn: CDNOptions? = nil
    ) {
        self.cdn = cdn
        self.request = request
        self.dataset = dataset
        self.account = account
        self.token = token
        self.baseURL = baseURL
        self.seed = seed
        self.cursorKey = SeededRandom.hash(seed, 0x4B45_59)
        self.cursorTTL = cursorTTL
        self.now = now
        self.emptyPageRequested = emptyPage
        self.behaviour = behaviour
        self.initialMedia = initialMedia
    }

    /// Answers the request's path: a node (`/me`, `/{id}`) or an edge (`/{id}/media`).
    func route() throws(GraphAPIError) -> [UInt8] {
        let components = request.components
        switch components.count {
        case 1:
            return try node(components[0])
        case 2:
            return try edge(components[0], components[1])
        default:
            throw GraphAPIError.unknownPath(request.path)
        }
    }

    private func node(_ id: String) throws(GraphAPIError) -> [UInt8] {
        if id == "me" {
            return try userNode(wrapped: !behaviour.flatMe, addsID: behaviour.flatMe)
        }
        if let owner = dataset.account(withID: id) {
            guard owner.index == account.index else { throw GraphAPIError.unknownObject(id) }
            return try userNode(wrapped: false)
        }
        return try mediaNode(ownMedia(id))
    }

    private func edge(_ id: String, _ edge: String) throws(GraphAPIError) -> [UInt8] {
        let isUser: Bool
        if id == "me" {
            isUser = true
        } else if let owner = dataset.account(withID: id) {
            guard owner.index == account.index else { throw GraphAPIError.unknownObject(id) }
            isUser = true
        } else {
            isUser = false
        }
        if isUser {
            switch edge {
            case "media": return try mediaEdge()
            case "stories": return try storiesEdge()
            case "insights": return try accountInsights()
            default: throw GraphAPIError.unknownPath("/\(edge)")
            }
        }
        if edge == "replies", behaviour.commentReplies, dataset.locations[id] == nil {
            if let replies = try repliesEdge(id) {
                return replies
            }
        }
        let media = try ownMedia(id)
        switch edge {
        case "children": return try childrenEdge(media)
        case "comments": return try commentsEdge(media)
        case "insights": return try mediaInsights(media)
        default: throw GraphAPIError.unknownPath("/\(edge)")
        }
    }

    /// The media with this id if it belongs to the token's account; anything else is "does not exist".
    private func ownMedia(_ id: String) throws(GraphAPIError) -> MediaRecord {
        guard let location = dataset.locations[id], location.account == account.index else {
            throw GraphAPIError.unknownObject(id)
        }
        return dataset.media(at: location)
    }

    func fields() throws(GraphAPIError) -> [FieldRequest]? {
        guard let text = request.parameter("fields") else { return nil }
        return try FieldSelection.parse(text)
    }
}

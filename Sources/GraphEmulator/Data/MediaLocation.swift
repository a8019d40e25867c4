/// Where a media id points in the dataset.
enum MediaLocation: Sendable {
    case media(account: Int, ordinal: Int)
    case child(account: Int, ordinal: Int, index: Int)
    case story(account: Int, index: Int)

    var account: Int {
        switch self {
        case .media(let account, _), .child(let account, _, _), .story(let account, _): account
        }
    }
}

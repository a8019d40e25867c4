/// The kinds of record an extraction produces, one per `extract:` key.
public enum StreamKind: String, Sendable, Hashable, CaseIterable, Codable {
    case profile
    case media
    case stories
    case mediaInsights = "media_insights"
    case accountInsights = "account_insights"
    case comments
}

import IGCore
import IGEngine
import IGGraph

extension GraphAPICheck {
    /// One comments page with replies by field expansion (`replies{…}` with the comment fields), of the first
    /// media on the first page that has comments, or of the first media when none has: its answer still shows
    /// whether the token may read comments.
    func checkComments(_ config: CommentsConfig, _ findings: Findings) async -> CheckResult {
        let name = StreamKind.comments.rawValue
        guard let media = findings.media else {
            return CheckResult(name: name, status: .unchecked, summary: "not tried: it needs the first media page")
        }
        let target = media.first { ($0["comments_count"]?.intValue ?? 0) > 0 } ?? media.first
        guard let id = Self.id(target?["id"]) else {
            return CheckResult(name: name, status: .unchecked, summary: "not tried: no media to read comments of")
        }
        let fields = config.fields.joined(separator: ",")
        let page: EdgePage
        do {
            page = try await client.page(
                "\(id)/comments",
                parameters: [("fields", "\(fields),replies{\(fields)}")],
                limit: config.pageSize,
                after: nil
            )
        } catch {
            return Self.stopped(.comments, error, asking: "GET \(id)/comments with replies{…}")
        }
        let replies = page.data.reduce(0) { $0 + ($1["replies"]?.objectValue?["data"]?.arrayValue?.count ?? 0) }
        let announced =
            target?["comments_count"]?.intValue.map { " (comments_count \($0), which counts replies too)" } ?? ""
        return CheckResult(
            name: name,
            status: .ok,
            summary: "media \(id)\(announced): \(page.data.count) comments and \(replies) replies on the first page"
        )
    }
}

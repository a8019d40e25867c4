import Foundation
import IGCore

/// Where an archived file goes: the writer's template with the media's id, date and place filled in, and an
/// extension from what the CDN says it sent.
///
/// Nothing that reaches a path comes from a record unchecked: ids are digits (`DownloadTarget.isSafeID`), the
/// date is formatted from a parsed timestamp, and the account reference has every character but letters,
/// digits, `.`, `_` and `-` replaced, so no field can climb out of the archive's folder.
struct FileNaming: Sendable {
    let options: FilesOptions

    /// The default file name, and a carousel child's beside its parent's when the path ends in the default.
    static let defaultName = "{date}_{id}.{ext}"
    static let childName = "{date}_{parent_id}_{index}.{ext}"

    /// The path of `target` without its extension (the template's `.{ext}` cut off); a thumbnail's name ends
    /// in `_thumbnail`.
    func stem(_ target: DownloadTarget, account: String) -> String {
        var template = options.template
        if target.parentID != nil, PathName.split(template).name == Self.defaultName {
            template = PathName.join(PathName.split(template).folder, Self.childName)
        }
        let date = Timestamp(parsing: target.timestamp).map { String($0.rfc3339.prefix(10)) } ?? "0000-00-00"
        let values: [String: String] = [
            "account": Self.safeSegment(account),
            "stream": target.stream.rawValue,
            "year": String(date.prefix(4)),
            "month": String(date.dropFirst(5).prefix(2)),
            "date": date,
            "id": target.mediaID,
            "parent_id": target.parentID ?? target.mediaID,
            "index": target.index.map(String.init) ?? "0",
        ]
        var result = ""
        var rest = Substring(template.hasSuffix(".{ext}") ? String(template.dropLast(6)) : template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            result += values[String(rest[rest.index(after: open)..<close])] ?? ""
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return target.kind == .thumbnail ? result + "_thumbnail" : result
    }

    /// `path` relative to the archive root.
    func relative(_ path: String) -> String {
        let root = options.root
        guard !root.isEmpty, path.hasPrefix(root + "/") else { return path }
        return String(path.dropFirst(root.count + 1))
    }

    /// The full path of a path relative to the archive root.
    func absolute(_ relative: String) -> String {
        PathName.join(options.root, relative)
    }

    /// The extension of a file: from its content type when known, else from the URL's path, else `bin`.
    static func fileExtension(contentType: String?, url: String) -> String {
        let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        if let known = extensions[type] { return known }
        let path = url.split(separator: "?", maxSplits: 1).first ?? ""
        let name = path.split(separator: "/").last ?? ""
        if let dot = name.lastIndex(of: ".") {
            let candidate = name[name.index(after: dot)...].lowercased()
            if (1...5).contains(candidate.count), candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                return candidate == "jpeg" ? "jpg" : candidate
            }
        }
        return "bin"
    }

    private static let extensions = [
        "image/jpeg": "jpg", "image/jpg": "jpg", "image/png": "png", "image/webp": "webp", "image/heic": "heic",
        "image/heif": "heif", "image/gif": "gif", "image/avif": "avif", "video/mp4": "mp4", "video/quicktime": "mov",
        "video/webm": "webm",
    ]

    /// One path segment that cannot be `.`, `..`, empty or contain a separator.
    static func safeSegment(_ text: String) -> String {
        let cleaned = String(
            text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == ".") ? $0 : "_" }
        )
        return cleaned.isEmpty || cleaned.allSatisfy({ $0 == "." }) ? "_" : cleaned
    }
}

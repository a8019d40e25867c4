/// Splits file paths at their last slash, the one path rule the engine needs, without Foundation.
///
/// Foundation's `NSString.deletingLastPathComponent` traps on Linux for some short paths (`o/media.ndjson`),
/// and its normalisation (`..`, trailing slashes, `~`) would make the folder checked differ from the folder
/// written; this keeps the text exactly as the user wrote it.
package enum PathName {
    /// The folder part (empty when the path has no slash; `/` for a file at the root) and the name after
    /// the last slash.
    package static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    /// The folder `path` lands in: `.` when it has no slash.
    package static func folder(of path: String) -> String {
        let folder = split(path).folder
        return folder.isEmpty ? "." : folder
    }

    /// `name` in `folder`, as `split` would take it apart again.
    package static func join(_ folder: String, _ name: String) -> String {
        switch folder {
        case "": name
        case "/": "/" + name
        default: folder + "/" + name
        }
    }
}

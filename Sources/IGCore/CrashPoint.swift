import Foundation

/// Named places where the crash tests kill the process on purpose, to prove that a crash there loses nothing.
///
/// `IGEXPORT_CRASH_AT=NAME:N` makes the Nth arrival at the point NAME raise SIGKILL, the one signal a process
/// cannot clean up after. Without the variable, `reach` only compares a name against nil.
package enum CrashPoint: String {
    /// A file replaced atomically (the state, the metrics) is written and synced, not yet renamed into place.
    case beforeRename = "before-rename"
    /// Half of a line is appended to a state journal, the other half not yet.
    case midAppend = "mid-append"
    /// A page is written and its position recorded: the Nth arrival is just after the Nth committed page.
    case afterCommit = "after-commit"
    /// A media file is downloaded and synced under its temporary name, not yet renamed into place.
    case afterFileWritten = "after-file-written"
    /// A media file is renamed into place; the page that names it is not committed yet.
    case afterFileRename = "after-file-rename"
    /// Some outputs are published, others not yet.
    case betweenPublishes = "between-publishes"
    /// An object is uploaded to object storage and recorded in the upload ledger; others are not yet.
    case betweenUploads = "between-uploads"
    /// A part of a multipart upload is sent and recorded; the upload is not complete yet.
    case betweenParts = "between-parts"

    private static let target: (name: String, count: Int)? = {
        guard let spec = ProcessInfo.processInfo.environment["IGEXPORT_CRASH_AT"] else { return nil }
        let parts = spec.split(separator: ":")
        guard parts.count == 2, let count = Int(parts[1]) else { return nil }
        return (String(parts[0]), count)
    }()

    private static let arrivals = Locked<[String: Int]>([:])

    /// Whether `IGEXPORT_CRASH_AT` names this point, so that the code around it can make the moment exist.
    package var isArmed: Bool { Self.target?.name == rawValue }

    /// Kills the process here if this is the arrival `IGEXPORT_CRASH_AT` names.
    package func reach() {
        guard let target = Self.target, target.name == rawValue else { return }
        let arrival = Self.arrivals.withLock { counts in
            counts[rawValue, default: 0] += 1
            return counts[rawValue, default: 0]
        }
        if arrival == target.count {
            kill(getpid(), SIGKILL)
        }
    }
}

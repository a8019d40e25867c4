#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One JSON line per request, written with a single unbuffered `write` so that a reader sees whole lines as
/// soon as each answer is ready. Tokens and client secrets are never logged.
final class RequestLog: Sendable {
    private let descriptor: Int32

    init(path: String) throws(EmulatorConfigurationError) {
        // Never through a link: a symlink planted at the log's path must not have its target truncated.
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let why = errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno))
            throw EmulatorConfigurationError(item: path, message: "cannot open the request log: \(why)")
        }
    }

    deinit {
        close(descriptor)
    }

    struct Entry {
        var sequence: UInt64
        var time: Int64
        var method: String
        var path: String
        var parameters: [(name: String, value: String)]
        var status: Int
        var faults: [String]
        var account: String?
    }

    func append(_ entry: Entry) {
        var buffer = JSONBuffer(capacity: 256)
        buffer.raw("{\"seq\":\(entry.sequence),\"ts\":\(entry.time / 1_000).")
        let milliseconds = String(entry.time % 1_000)
        buffer.raw(String(repeating: "0", count: 3 - milliseconds.count) + milliseconds)
        buffer.raw(",")
        buffer.key("method")
        buffer.string(entry.method)
        buffer.raw(",")
        buffer.key("path")
        buffer.string(entry.path)
        buffer.raw(",\"params\":{")
        var first = true
        for parameter in entry.parameters where parameter.name != "client_secret" {
            if !first {
                buffer.byte(UInt8(ascii: ","))
            }
            first = false
            buffer.key(parameter.name)
            buffer.string(parameter.value)
        }
        buffer.raw("},\"status\":\(entry.status),\"fault\":")
        if entry.faults.isEmpty {
            buffer.raw("null")
        } else {
            buffer.string(entry.faults.joined(separator: "+"))
        }
        buffer.raw(",\"account\":")
        if let account = entry.account {
            buffer.string(account)
        } else {
            buffer.raw("null")
        }
        buffer.raw("}\n")
        buffer.bytes.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}

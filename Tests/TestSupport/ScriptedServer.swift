import Foundation
import IGCore

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback HTTP/1.1 server that answers each request with the next scripted response and records what it
/// was asked; enough to drive the HTTP and Graph clients through failures without the emulator.
public final class ScriptedServer: @unchecked Sendable {
    /// One scripted answer.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        /// When set, only this many body bytes are sent (after a `Content-Length` for the whole body) before
        /// the connection is closed: a body cut short on the wire.
        public var truncatedTo: Int?
        /// When set, the server holds the answer until the gate opens: a request in flight for as long as the test
        /// needs, with no clock involved.
        public var gate: Gate?

        public static func json(_ body: String, status: Int = 200, headers: [(String, String)] = []) -> Response {
            Response(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(body.utf8))
        }

        public static func graphError(
            code: Int,
            subcode: Int? = nil,
            message: String,
            status: Int = 400,
            headers: [(String, String)] = []
        ) -> Response {
            let subcodeMember = subcode.map { ",\"error_subcode\":\($0)" } ?? ""
            let body = """
                {"error":{"message":"\(message)","type":"OAuthException","code":\(code)\(subcodeMember),\
                "fbtrace_id":"AbCdEf"}}
                """
            return .json(body, status: status, headers: headers)
        }
    }

    /// A request as received.
    public struct Request: Sendable {
        /// The request target: path and query.
        public var target: String
        /// The headers, names lowercased.
        public var headers: [String: String]
    }

    public let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var script: [Response]
    private var received: [Request] = []

    /// Starts a server on 127.0.0.1 with an ephemeral port.
    public init(_ script: [Response]) throws {
        self.script = script
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EMFILE) }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        // The accept loop holds the server weakly, so that dropping the server closes the listener and ends it.
        Thread { [weak self] in
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                guard let server = self else {
                    close(connection)
                    return
                }
                Thread { server.serve(connection) }.start()
            }
        }.start()
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// The requests received so far, in order.
    public var requests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            while findHeaderEnd(buffer) == nil {
                let count = recv(connection, &chunk, chunk.count, 0)
                guard count > 0 else { return }
                buffer += chunk[..<count]
            }
            let end = findHeaderEnd(buffer)!
            let head = String(decoding: buffer[..<end], as: UTF8.self)
            buffer.removeFirst(end + 4)
            let response = record(head)
            if let gate = response.gate {
                gate.hold()
            }
            var out = Array("HTTP/1.1 \(response.status) Scripted\r\n".utf8)
            for (name, value) in response.headers {
                out += Array("\(name): \(value)\r\n".utf8)
            }
            out += Array("Content-Length: \(response.body.count)\r\n\r\n".utf8)
            out += response.body.prefix(response.truncatedTo ?? response.body.count)
            _ = out.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if response.truncatedTo != nil { return }
        }
    }

    private func record(_ head: String) -> Response {
        let lines = head.components(separatedBy: "\r\n")
        let target = lines.first?.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces
            )
        }
        lock.lock()
        defer { lock.unlock() }
        received.append(Request(target: target, headers: headers))
        guard !script.isEmpty else { return .json(#"{"error":"no more scripted responses"}"#, status: 599) }
        return script.removeFirst()
    }

    private func findHeaderEnd(_ buffer: [UInt8]) -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }
}

import Dispatch
import Foundation
import Testing

/// moto's S3 server on a free loopback port, with signature checks on: the first three actions (an IAM user,
/// its policy, its access key) go unchecked, and every request after them must be signed with that key.
///
/// `IGEXPORT_MOTO_SERVER` names the `moto_server` script (its virtualenv's `python` beside it sets up the
/// user and the bucket). Without it a test skips, unless `IGEXPORT_REQUIRE_MOTO=1` (CI), where it fails.
public final class MotoServer: Sendable {
    /// `http://127.0.0.1:PORT`.
    public let endpoint: String
    /// The access key id and the secret key that may write to `bucket`.
    public let accessKey: String
    public let secretKey: String
    /// A bucket that exists.
    public let bucket = "igexport-test"
    private let process: Process

    /// Whether a test needing moto can run here; records an issue when CI requires moto and it is missing.
    public static var isAvailable: Bool {
        let environment = ProcessInfo.processInfo.environment
        let present = environment["IGEXPORT_MOTO_SERVER"].map { FileManager.default.isExecutableFile(atPath: $0) }
        if present != true, environment["IGEXPORT_REQUIRE_MOTO"] == "1" {
            Issue.record("IGEXPORT_REQUIRE_MOTO=1 but IGEXPORT_MOTO_SERVER does not name moto_server")
        }
        return present == true
    }

    private init(endpoint: String, accessKey: String, secretKey: String, process: Process) {
        self.endpoint = endpoint
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.process = process
    }

    /// Starts a server, runs `body`, stops the server.
    public static func with<Result>(_ body: (MotoServer) async throws -> Result) async throws -> Result {
        let server = try await onDispatchThread { try start() }
        // moto_server ignores SIGTERM.
        defer { kill(server.process.processIdentifier, SIGKILL) }
        return try await body(server)
    }

    /// Runs blocking work (reading pipes, waiting for processes) on a dispatch thread: a test must not block
    /// one of the few threads of Swift's cooperative pool, which every other test shares.
    private static func onDispatchThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws
        -> Value
    {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    private static func start() throws -> MotoServer {
        let script = ProcessInfo.processInfo.environment["IGEXPORT_MOTO_SERVER"] ?? "moto_server"
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["INITIAL_NO_AUTH_ACTION_COUNT"] = "3"
        // Small parts, so that tests send multipart uploads of a few kilobytes (S3 itself asks 5 MiB).
        environment["S3_UPLOAD_PART_MIN_SIZE"] = "1024"
        process.environment = environment
        let output = Pipe()
        process.standardError = output
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // The server says when it listens; read its log until then (not a timed wait), then let it log into the
        // void, so that its request lines never fill the pipe.
        var seen = ""
        while !seen.contains("Running on") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw MotoFailure(message: "moto_server exited: \(seen)") }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        DispatchQueue.global().async {
            while !output.fileHandleForReading.availableData.isEmpty {}
        }
        let endpoint = "http://127.0.0.1:\(port)"
        let setup = Process()
        setup.executableURL = URL(fileURLWithPath: script).deletingLastPathComponent().appendingPathComponent("python")
        setup.arguments = ["-c", setupScript, endpoint]
        let keys = Pipe()
        setup.standardOutput = keys
        try setup.run()
        let answer = String(decoding: keys.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        setup.waitUntilExit()
        let words = answer.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard setup.terminationStatus == 0, words.count == 2 else {
            process.terminate()
            throw MotoFailure(message: "could not create moto's IAM user and bucket")
        }
        return MotoServer(endpoint: endpoint, accessKey: words[0], secretKey: words[1], process: process)
    }

    /// The bytes of object `key` of `bucket`, read with boto3; `nil` when it does not exist.
    public func object(_ key: String, bucket: String? = nil) async throws -> [UInt8]? {
        try await python(
            """
            import boto3, sys
            s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1",
                aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
            try:
                body = s3.get_object(Bucket=sys.argv[4], Key=sys.argv[5])["Body"].read()
            except s3.exceptions.NoSuchKey:
                sys.exit(3)
            sys.stdout.buffer.write(body)
            """,
            [bucket ?? self.bucket, key]
        )
    }

    /// Every key of `bucket`, sorted, and the multipart uploads still open.
    public func keys(bucket: String? = nil) async throws -> (keys: [String], openUploads: Int) {
        let text = try await python(
            """
            import boto3, sys
            s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1",
                aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
            keys = [o["Key"] for p in s3.get_paginator("list_objects_v2").paginate(Bucket=sys.argv[4])
                for o in p.get("Contents", [])]
            uploads = s3.list_multipart_uploads(Bucket=sys.argv[4]).get("Uploads", [])
            print(len(uploads))
            print("\\n".join(sorted(keys)))
            """,
            [bucket ?? self.bucket]
        ).map { String(decoding: $0, as: UTF8.self) }
        let lines = (text ?? "").split(separator: "\n").map(String.init)
        return (Array(lines.dropFirst()), Int(lines.first ?? "") ?? -1)
    }

    private func python(_ script: String, _ arguments: [String]) async throws -> [UInt8]? {
        let endpoint = endpoint
        let accessKey = accessKey
        let secretKey = secretKey
        return try await Self.onDispatchThread {
            try Self.runPython(script, [endpoint, accessKey, secretKey] + arguments)
        }
    }

    private static func runPython(_ script: String, _ arguments: [String]) throws -> [UInt8]? {
        let process = Process()
        let server = ProcessInfo.processInfo.environment["IGEXPORT_MOTO_SERVER"] ?? "moto_server"
        process.executableURL = URL(fileURLWithPath: server).deletingLastPathComponent().appendingPathComponent(
            "python"
        )
        process.arguments = ["-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? [UInt8](data) : nil
    }

    private static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw MotoFailure(message: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static let setupScript = """
        import boto3, sys
        endpoint = sys.argv[1]
        iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
            aws_access_key_id="setup", aws_secret_access_key="setup")
        iam.create_user(UserName="igexport")
        iam.put_user_policy(UserName="igexport", PolicyName="s3", PolicyDocument='{"Version": "2012-10-17", '
            '"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}')
        key = iam.create_access_key(UserName="igexport")["AccessKey"]
        s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
            aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
        s3.create_bucket(Bucket="igexport-test")
        print(key["AccessKeyId"], key["SecretAccessKey"])
        """
}

/// moto could not be started or set up.
struct MotoFailure: Error {
    let message: String
}

extension ScriptedServer.Response {
    /// A 1,052-byte gzip body that inflates to 1 MiB of the digit `0`: a small gzip bomb, sent with
    /// `Content-Encoding: gzip` so that libcurl decodes it. Built from its bytes (the deflate stream of a long
    /// run is almost all zero bytes) because Foundation on Linux has no gzip encoder.
    public static let gzipBomb: ScriptedServer.Response = {
        let head: [UInt8] = [
            31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 237, 193, 49, 1, 0, 0, 0, 194, 160, 74, 235, 159, 206, 16, 190, 64, 1,
        ]
        let tail: [UInt8] = [124, 6, 218, 117, 166, 55, 0, 0, 16, 0]
        return ScriptedServer.Response(
            status: 200,
            headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")],
            body: head + [UInt8](repeating: 0, count: 1015) + tail
        )
    }()

    /// The number of bytes `gzipBomb` inflates to.
    public static let gzipBombInflatedSize = 1 << 20
}

import Foundation
import TestSupport
import Testing

@testable import IGCore
@testable import IGGraph

@Suite struct CurlClientDownloadTests {
    private func client() throws -> CurlClient {
        try CurlClient(configuration: .init(version: "9.9.9", http: HTTPConfig()))
    }

    /// A scripted answer of raw bytes.
    private func file(
        _ bytes: [UInt8],
        status: Int = 200,
        type: String? = nil,
        truncatedTo: Int? = nil
    ) -> ScriptedServer.Response {
        var response = ScriptedServer.Response.json("", status: status)
        response.headers = type.map { [("Content-Type", $0)] } ?? []
        response.body = bytes
        response.truncatedTo = truncatedTo
        return response
    }

    /// Runs `body` with a descriptor of a new empty file, and returns what the file holds after it.
    private func withFile(_ body: (Int32) async throws -> Void) async throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("download-\(UUID().uuidString)").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
        #expect(descriptor >= 0)
        defer {
            close(descriptor)
            unlink(path)
        }
        try await body(descriptor)
        return [UInt8](FileManager.default.contents(atPath: path) ?? Data())
    }

    @Test func streamsABodyIntoTheFileAndSendsNoCredentials() async throws {
        let bytes = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let server = try ScriptedServer([
            file(bytes, type: "image/jpeg")
        ])
        let client = try client()
        var response: DownloadResponse?
        let written = try await withFile { descriptor in
            response = try await client.download(server.url + "/v/a.jpg?oh=1", to: descriptor, maximumBytes: 1 << 20)
        }
        #expect(response?.status == 200 && response?.bytes == UInt64(bytes.count))
        #expect(response?.headers["content-type"] == "image/jpeg")
        #expect(written == bytes)
        #expect(server.requests.first?.headers["authorization"] == nil)
        #expect(server.requests.first?.headers["accept-encoding"] == nil)
        // The handle goes back to the pool as `get` found it: a JSON answer comes back as a body again.
        let server2 = try ScriptedServer([.json(#"{"a":1}"#)])
        #expect(try await client.get(server2.url + "/x").body == Array(#"{"a":1}"#.utf8))
    }

    @Test func dropsTheBodyOfAnErrorStatus() async throws {
        let server = try ScriptedServer([file(Array("URL signature expired".utf8), status: 403)])
        let client = try client()
        var response: DownloadResponse?
        let written = try await withFile { descriptor in
            response = try await client.download(server.url + "/v/a.jpg", to: descriptor, maximumBytes: 1 << 20)
        }
        #expect(response?.status == 403 && response?.bytes == 0)
        #expect(written.isEmpty)
    }

    @Test func stopsAFileLargerThanTheCap() async throws {
        let server = try ScriptedServer([file([UInt8](repeating: 1, count: 5_000))])
        let client = try client()
        var failure: DownloadError?
        _ = try await withFile { descriptor in
            do {
                _ = try await client.download(server.url + "/v/a.mp4", to: descriptor, maximumBytes: 4_096)
            } catch {
                failure = error as? DownloadError
            }
        }
        guard case .transfer(let error)? = failure else {
            Issue.record("expected a transfer error, got \(String(describing: failure))")
            return
        }
        #expect(error.exceedsBodyLimit)
    }

    @Test func reportsABodyCutShortOfItsContentLength() async throws {
        let server = try ScriptedServer([
            file([UInt8](repeating: 2, count: 4_000), truncatedTo: 1_000)
        ])
        let client = try client()
        await #expect(throws: DownloadError.self) {
            _ = try await withFile { descriptor in
                _ = try await client.download(server.url + "/v/a.jpg", to: descriptor, maximumBytes: 1 << 20)
            }
        }
    }

    @Test func refusesPlainHTTPToACDNThatIsNotLoopback() async throws {
        let client = try client()
        await #expect(throws: DownloadError.self) {
            _ = try await client.download("http://scontent.cdninstagram.com/a.jpg", to: -1, maximumBytes: 1)
        }
    }
}

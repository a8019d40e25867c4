import Dispatch

/// An easy handle and the serial queue it is confined to.
///
/// `curl_easy_perform` blocks, so it runs on the worker's own dispatch queue, never on Swift's cooperative
/// pool (on a two-core machine two blocked pool threads would stall every task); the caller awaits a
/// continuation instead.
final class CurlWorker: Sendable {
    let queue: DispatchQueue
    let handle: EasyHandle

    init(configuration: CurlClient.Configuration, number: Int) throws(CurlError) {
        queue = DispatchQueue(label: "igexport.curl.\(number)")
        handle = try EasyHandle(configuration: configuration)
    }

    func get(_ url: String, parts: URLParts, headers: [(String, String)]) async -> Result<HTTPResponse, CurlError> {
        await withCheckedContinuation { continuation in
            queue.async { [handle] in
                continuation.resume(returning: handle.get(url, parts: parts, headers: headers))
            }
        }
    }
}

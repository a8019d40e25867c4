import Foundation
import Logging

/// Collects every log line (message and metadata) so tests can assert on what a user would see.
public final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var captured: [String] = []

    /// Creates an empty capture.
    public init() {}

    /// A logger at `trace` level that writes here.
    public var logger: Logger {
        var logger = Logger(label: "test") { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    /// The lines so far.
    public var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return captured
    }

    fileprivate func append(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        captured.append(line)
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = (metadata.merging(event.metadata ?? [:]) { $1 })
                .sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value)" }
                .joined(separator: " ")
            capture.append("\(event.level) \(event.message) \(fields)")
        }
    }
}

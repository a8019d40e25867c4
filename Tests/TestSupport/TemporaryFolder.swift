import Foundation

/// A fresh folder under the system's temporary folder, lent to a test by `withTemporaryFolder`, which removes it.
public struct TemporaryFolder: Sendable {
    /// The folder's path.
    public let path: String

    /// The folder's URL.
    public var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    fileprivate init() throws {
        path = NSTemporaryDirectory() + "igexport-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` to the file `name` in the folder and returns its URL.
    public func write(_ text: String, to name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A path under the folder: `folder + "/out.csv"` reads as the path it builds.
    public static func + (folder: TemporaryFolder, name: String) -> String {
        folder.path + name
    }

    fileprivate func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Runs `body` with a fresh temporary folder, and removes the folder when `body` returns or throws.
@discardableResult
public func withTemporaryFolder<Result>(_ body: (TemporaryFolder) throws -> Result) throws -> Result {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    return try body(folder)
}

/// Runs `body` with a fresh temporary folder, and removes the folder when `body` returns or throws.
@discardableResult
public func withTemporaryFolder<Result>(_ body: (TemporaryFolder) async throws -> Result) async throws -> Result {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    return try await body(folder)
}

import Foundation
import IGCore
import IGEngine
import IGGraph
import Logging

/// A swift-log handler that writes one JSON object a line: `ts` (RFC 3339 UTC), `level`, `event` (the message),
/// `pipeline`, `account` and `stream` when known, then the other metadata in key order.
///
/// Metadata values that read as plain numbers (`bytes`, `records`, `attempt`) are written as JSON numbers, so
/// that log tools can add them up; ids (`pipeline`, `account`, `stream`, `run`) always stay strings.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let write: @Sendable (String) -> Void

    /// Creates a handler that passes each line, newline included, to `write`.
    public init(level: Logger.Level, write: @escaping @Sendable (String) -> Void) {
        self.logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided) { $1 }
        }
        if let own = event.metadata {
            merged.merge(own) { $1 }
        }
        write(Self.line(date: Date(), level: event.level, event: event.message.description, metadata: merged) + "\n")
    }

    /// The JSON line of one event, without the newline.
    public static func line(date: Date, level: Logger.Level, event: String, metadata: Logger.Metadata) -> String {
        var object = JSONObject()
        object.append("ts", .string(timestamp(date)))
        object.append("level", .string(level.rawValue))
        object.append("event", .string(event))
        for key in identityKeys {
            if let value = metadata[key] { object.append(key, .string(value.description)) }
        }
        for key in metadata.keys.sorted() where !identityKeys.contains(key) {
            if let value = metadata[key] { object.append(key, json(value, key: key)) }
        }
        return JSONValue.object(object).jsonText
    }

    /// RFC 3339 UTC with milliseconds, such as `2026-05-01T03:15:00.123Z`.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    private static let identityKeys = ["pipeline", "account", "stream"]
    private static let textKeys: Set<String> = ["run", "id", "user_id", "media_id"]

    private static func json(_ value: Logger.Metadata.Value, key: String) -> JSONValue {
        switch value {
        case .string(let text): number(text, key: key) ?? .string(text)
        case .stringConvertible(let convertible):
            number(convertible.description, key: key) ?? .string(convertible.description)
        case .array(let values): .array(values.map { json($0, key: key) })
        case .dictionary(let values):
            .object(
                JSONObject(values.keys.sorted().compactMap { name in values[name].map { (name, json($0, key: name)) } })
            )
        }
    }

    /// `text` as a number when it is a short plain integer (long digit strings are ids), a decimal in JSON's
    /// grammar of any length (`0.017523456789012345`, `1e-05`), or a boolean.
    private static func number(_ text: String, key: String) -> JSONValue? {
        guard !textKeys.contains(key), let first = text.utf8.first, let last = text.utf8.last else { return nil }
        if text == "true" || text == "false" { return .bool(text == "true") }
        if let integer = Int64(text), text == String(integer) { return text.utf8.count <= 15 ? .int(integer) : nil }
        // The parser checks the grammar; the first and last bytes rule out the whitespace it would skip.
        guard first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(last),
            text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }),
            let value = try? JSONParser.parse(Array(text.utf8))
        else { return nil }
        switch value {
        case .double, .number: return value
        default: return nil
        }
    }
}

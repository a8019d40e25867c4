import IGCore
import Logging

/// Wraps the text log handler so that no message or metadata value reaches the terminal with a control
/// character in it: values often come from the API (error messages, ids, timestamps).
struct TerminalSafeLogHandler: LogHandler {
    var wrapped: any LogHandler

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        event.message = "\(event.message.description.terminalSafe)"
        event.metadata = event.metadata?.mapValues(Self.safe)
        wrapped.log(event: event)
    }

    private static func safe(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .string(let text): .string(text.terminalSafe)
        case .stringConvertible(let convertible): .string(convertible.description.terminalSafe)
        case .dictionary(let dictionary): .dictionary(dictionary.mapValues(safe))
        case .array(let array): .array(array.map(safe))
        }
    }
}

import IGGraph

/// An output path with placeholders: `{pipeline}`, `{stream}`, `{account}`, `{date}` and `{run}`, and the
/// record's own `{record_date}` (`YYYY-MM-DD`, UTC) and `{record_month}` (`YYYY-MM`).
///
/// Substituted values never add folders: a `/` (or a leading `.`) in a value becomes `_`, so an account id
/// cannot point a file outside its folder.
public struct PathTemplate: Sendable, Equatable {
    /// The template as written.
    public var template: String

    /// Creates a template.
    public init(_ template: String) {
        self.template = template
    }

    /// Whether one sink writes several files: the template names the stream or the account.
    public var isPerStreamOrAccount: Bool {
        template.contains("{stream}") || template.contains("{account}") || isPerRecordDate
    }

    /// Whether each record's own date picks its file: one page may then write several files.
    public var isPerRecordDate: Bool {
        template.contains("{record_date}") || template.contains("{record_month}")
    }

    /// The path for one stream of one account; `recordDate` (`YYYY-MM-DD`) fills `{record_date}` and
    /// `{record_month}`, and defaults to `date`.
    public func resolve(
        pipeline: String,
        stream: String,
        account: String,
        date: String,
        run: String,
        recordDate: String? = nil
    ) -> String {
        var path = template
        let recordDate = recordDate ?? date
        for (name, value) in [
            ("pipeline", pipeline), ("stream", stream), ("account", account), ("date", date), ("run", run),
            ("record_date", recordDate), ("record_month", String(recordDate.prefix(7))),
        ] {
            path = path.replacingAll("{\(name)}", with: PathTemplate.safe(value))
        }
        return path
    }

    /// The path for one stream of one account of a run.
    public func resolve(stream: StreamKind, account: String, context: SinkContext, recordDate: String? = nil)
        -> String
    {
        resolve(
            pipeline: context.pipeline,
            stream: stream.rawValue,
            account: account,
            date: context.date,
            run: context.runID,
            recordDate: recordDate
        )
    }

    /// The stream and account of `path` when this template, filled in for `context`, produces it; `nil`
    /// otherwise. A resumed sink uses this to find its own partial files among the checkpoint's offsets.
    public func match(_ path: String, context: SinkContext) -> (stream: StreamKind?, account: String?)? {
        let fixed = [
            "pipeline": context.pipeline, "date": context.date, "run": context.runID,
        ]
        var pattern: [Piece] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { pattern.append(.literal(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = fixed[name] {
                pattern.append(.literal(PathTemplate.safe(value)))
            } else if ["stream", "account", "record_date", "record_month"].contains(name) {
                pattern.append(.variable(name))
            } else {
                pattern.append(.literal(String(rest[open...close])))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pattern.append(.literal(String(rest))) }
        var captures: [String: String] = [:]
        guard PathTemplate.match(pattern[...], Substring(path), into: &captures) else { return nil }
        var stream: StreamKind?
        if let name = captures["stream"] {
            guard let kind = StreamKind(rawValue: name) else { return nil }
            stream = kind
        }
        return (stream, captures["account"])
    }

    private enum Piece {
        case literal(String)
        case variable(String)
    }

    private static func match(_ pattern: ArraySlice<Piece>, _ path: Substring, into captures: inout [String: String])
        -> Bool
    {
        guard let first = pattern.first else { return path.isEmpty }
        switch first {
        case .literal(let text):
            guard path.hasPrefix(text) else { return false }
            return match(pattern.dropFirst(), path.dropFirst(text.count), into: &captures)
        case .variable(let name):
            // A value is at least one character and never a folder separator.
            var end = path.startIndex
            while end < path.endIndex, path[end] != "/" {
                end = path.index(after: end)
                if match(pattern.dropFirst(), path[end...], into: &captures) {
                    captures[name] = String(path[..<end])
                    return true
                }
            }
            return false
        }
    }

    private static func safe(_ value: String) -> String {
        var result = value.replacingAll("/", with: "_")
        if result.hasPrefix(".") { result = "_" + result.dropFirst() }
        return result.isEmpty ? "_" : result
    }
}

extension String {
    /// The string with every occurrence of `target` replaced, without Foundation.
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}

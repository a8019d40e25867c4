import Foundation
import IGCore

/// The schemas of the streams a pipeline writes, as the files of `catalog.path`: for each stream,
/// `{stream}.schema.json` (JSON Schema 2020-12), `{stream}.bigquery.json` and `{stream}.sql`.
///
/// Derived from the pipeline alone (`StreamSchema`), so it is known before the first record, the same bytes
/// on every run, and `igexport catalog` prints it without running.
public struct Catalog: Sendable {
    /// The schema of each stream written, in extraction order.
    public let schemas: [StreamSchema]

    /// The catalog of `config`.
    public init(config: PipelineConfig) {
        schemas = StreamSchema.written(by: config)
    }

    /// Each file's name and content, in order.
    public var files: [(name: String, bytes: [UInt8])] {
        schemas.flatMap { schema -> [(name: String, bytes: [UInt8])] in
            [
                ("\(schema.stream.rawValue).schema.json", Catalog.encoded(schema.jsonSchema)),
                ("\(schema.stream.rawValue).bigquery.json", Catalog.encoded(schema.bigQuerySchema)),
                ("\(schema.stream.rawValue).sql", Array(schema.sql.utf8)),
            ]
        }
    }

    /// The catalog as one JSON object: file name to content (the JSON documents as they are, the SQL as a
    /// string).
    public var document: JSONValue {
        var object = JSONObject()
        for schema in schemas {
            object.append("\(schema.stream.rawValue).schema.json", schema.jsonSchema)
            object.append("\(schema.stream.rawValue).bigquery.json", schema.bigQuerySchema)
            object.append("\(schema.stream.rawValue).sql", .string(schema.sql))
        }
        return .object(object)
    }

    /// The catalog's folder for `config` (`{pipeline}` replaced), or `nil` when the pipeline asks for none.
    public static func folder(of config: PipelineConfig) -> String? {
        config.catalog.map { $0.path.replacingOccurrences(of: "{pipeline}", with: config.name) }
    }

    /// Writes every file into `folder`, each atomically; returns their paths.
    func write(to folder: String) throws(SinkError) -> [String] {
        var paths: [String] = []
        for file in files {
            let path = PathName.join(folder, file.name)
            try LandingZone.write(file.bytes, to: path)
            paths.append(path)
        }
        return paths
    }

    private static func encoded(_ value: JSONValue) -> [UInt8] {
        var bytes: [UInt8] = []
        value.encodeJSON(into: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}

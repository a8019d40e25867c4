import Foundation
import IGCore
import Testing

@testable import IGEngine

@Suite struct StreamSchemaTests {
    private func pipeline(extract: String, transform: String = "  - normalize", load: String? = nil) throws
        -> PipelineConfig
    {
        let yaml = """
            version: 1
            name: catalogued
            source: {api: emulator}
            extract:
            \(extract)
            transform:
            \(transform)
            load:
            \(load ?? #"  - ndjson: {path: "out/{stream}.ndjson"}"#)
            catalog: {path: "out/{pipeline}/_catalog"}
            """
        return try PipelineConfig.parse(yaml: yaml, file: "catalogued.yaml", environment: [:])
    }

    @Test func declaresIdsAsStringsTimestampsAsDateTimesAndCountsAsNullableIntegers() throws {
        let config = try pipeline(extract: "  media: {}")
        let schema = StreamSchema(stream: .media, config: config)
        #expect(schema.key == ["id"])
        #expect(schema["id"] == .init("id", .string, nullable: false, required: true))
        #expect(schema["timestamp"]?.type == .timestamp(normalized: true))
        #expect(schema["like_count"] == .init("like_count", .integer, nullable: true, required: true))
        #expect(schema["account_id"]?.required == true)
        guard case .records(let children)? = schema["children"]?.type else {
            Issue.record("children is not a list of records: \(String(describing: schema["children"]))")
            return
        }
        #expect(children.map(\.name) == ["id", "media_type", "media_url", "thumbnail_url"])

        let json = schema.jsonSchema.jsonText
        #expect(json.contains(#""x-key":["id"]"#))
        #expect(json.contains(#""like_count":{"type":["integer","null"]}"#))
        #expect(json.contains(#""timestamp":{"type":["string","null"],"format":"date-time"}"#))
        let bigQuery = schema.bigQuerySchema.jsonText
        #expect(bigQuery.contains(#"{"name":"id","type":"STRING","mode":"REQUIRED"}"#))
        #expect(bigQuery.contains(#"{"name":"timestamp","type":"TIMESTAMP","mode":"NULLABLE"}"#))
        #expect(bigQuery.contains(#"{"name":"children","type":"RECORD","mode":"REPEATED","fields":[{"name":"id""#))
        #expect(schema.sql.contains("-- key: id\n"))
        #expect(schema.sql.contains("CREATE TABLE IF NOT EXISTS \"media\""))
        #expect(schema.sql.contains("\"like_count\" NUMBER(38,0)"))
    }

    @Test func keysLongMediaInsightsByMediaMetricPeriodAndEndTime() throws {
        let long = try pipeline(extract: "  media: {}\n  media_insights: {}")
        let schema = StreamSchema(stream: .mediaInsights, config: long)
        #expect(schema.key == ["media_id", "metric", "period", "end_time"])
        #expect(
            schema.columns.map(\.name) == [
                "media_id", "media_product_type", "metric", "period", "end_time", "value", "reason", "account_id",
                "username",
            ]
        )
        let wide = try pipeline(extract: "  media: {}\n  media_insights: {shape: wide, metrics: [reach, views]}")
        let wideSchema = StreamSchema(stream: .mediaInsights, config: wide)
        #expect(wideSchema.key == ["media_id"])
        #expect(
            wideSchema.columns.map(\.name) == [
                "media_id", "media_product_type", "reach", "views", "account_id", "username",
            ]
        )
    }

    @Test func followsRenamesDropsSelectionsAndExtractions() throws {
        let config = try pipeline(
            extract: "  media: {fields: [id, caption, timestamp, like_count], children: []}",
            transform: """
                  - normalize: {run_fields: true}
                  - hashtags: {from: caption}
                  - rename: {id: media_pk, timestamp: posted_at}
                  - drop: [username]
                  - select: [media_pk, posted_at, hashtags, like_count, _run_id, _extracted_at, missing]
                """
        )
        let schema = StreamSchema(stream: .media, config: config)
        #expect(schema.key == ["media_pk"])
        #expect(
            schema.columns.map(\.name) == [
                "media_pk", "posted_at", "hashtags", "like_count", "_run_id", "_extracted_at",
            ]
        )
        #expect(schema["posted_at"]?.type == .timestamp(normalized: true))
        #expect(schema["hashtags"]?.type == .strings)
    }

    @Test func describesEveryMemberOfATransformedRecord() throws {
        let config = try pipeline(
            extract: "  media: {}\n  comments: {}",
            transform: "  - normalize: {run_fields: true}\n  - mentions: {from: caption}"
        )
        let transformer = Transformer(
            steps: config.transform,
            runID: "run-1",
            extractedAt: Date(timeIntervalSince1970: 1_700_000_000),
            requestedFields: config.extract.requestedFields
        )
        let account = AccountContext(accountID: "17841400000000001", username: "brand")
        let raw: [(StreamKind, Record)] = [
            (
                .media,
                Record([
                    ("id", .number("17999999999999999991")), ("caption", "hi @you"), ("media_type", "carousel_album"),
                    ("timestamp", "2025-01-02T03:04:05+0000"), ("comments_count", "7"),
                ])
            ),
            (.comments, Record([("media_id", "1"), ("parent_id", .null), ("id", "2"), ("text", "ok")])),
        ]
        for (stream, record) in raw {
            let schema = StreamSchema(stream: stream, config: config)
            let written = try #require(transformer.apply(record, stream: stream, account: account))
            for member in written.members {
                #expect(schema[member.key] != nil, "\(stream): \(member.key) is not declared")
            }
            for column in schema.columns where column.required {
                #expect(written[column.name] != nil, "\(stream): required \(column.name) is missing")
            }
        }
    }

    @Test func catalogsOnlyTheStreamsWrittenInTheSameBytesEveryTime() throws {
        let config = try pipeline(
            extract: "  profile: {}\n  media: {}",
            load: #"  - csv: {stream: media, path: "out/media.csv"}"#
        )
        let catalog = Catalog(config: config)
        #expect(catalog.files.map(\.name) == ["media.schema.json", "media.bigquery.json", "media.sql"])
        #expect(catalog.files.map(\.bytes) == Catalog(config: config).files.map(\.bytes))
        #expect(Catalog.folder(of: config) == "out/catalogued/_catalog")
    }
}

import Foundation
import Testing

@testable import IGCore
@testable import IGEngine
@testable import IGGraph
@testable import IGOps

@Suite struct MetricsFileTests {
    static func metrics(exitCode: Int32, lastSuccess: Double?) -> MetricsFile {
        var statistics = RunStatistics()
        statistics.records = [.media: 120, .profile: 1]
        statistics.skipped = [.mediaInsights: ["too_few_viewers": 3]]
        statistics.requests = 7
        statistics.retries = 2
        return MetricsFile(
            pipeline: "nightly",
            lastSuccess: lastSuccess,
            runStarted: 1_780_000_000,
            durationSeconds: 12.5,
            exitCode: exitCode,
            statistics: statistics
        )
    }

    @Test func everyMetricParsesWithHelpTypeAndThePipelineLabel() throws {
        let text = Self.metrics(exitCode: 0, lastSuccess: 1_780_000_012.5).text
        #expect(text.hasSuffix("\n"))
        let parsed = try PrometheusText(text)
        let pipeline = ["pipeline": "nightly"]
        #expect(parsed.value("igexport_last_success_timestamp_seconds", pipeline) == 1_780_000_012.5)
        #expect(parsed.value("igexport_last_run_timestamp_seconds", pipeline) == 1_780_000_000)
        #expect(parsed.value("igexport_last_run_duration_seconds", pipeline) == 12.5)
        #expect(parsed.value("igexport_last_run_exit_code", pipeline) == 0)
        #expect(parsed.value("igexport_records_total", ["pipeline": "nightly", "stream": "media"]) == 120)
        #expect(parsed.value("igexport_records_total", ["pipeline": "nightly", "stream": "profile"]) == 1)
        #expect(parsed.value("igexport_requests_total", pipeline) == 7)
        #expect(parsed.value("igexport_retries_total", pipeline) == 2)
        let skipped = ["pipeline": "nightly", "stream": "media_insights", "reason": "too_few_viewers"]
        #expect(parsed.value("igexport_skipped_total", skipped) == 3)
        for sample in parsed.samples {
            #expect(parsed.help[sample.name] != nil, "\(sample.name) has no HELP")
            #expect(parsed.types[sample.name] == "gauge", "\(sample.name) has no TYPE")
        }
    }

    @Test func aFailedRunKeepsTheLastSuccessOfTheFileItReplaces() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("igexport.prom").path
        try Self.metrics(exitCode: 0, lastSuccess: 1_780_000_012).write(to: path)

        let kept = MetricsFile.lastSuccess(in: path, pipeline: "nightly")
        #expect(kept == 1_780_000_012)
        try Self.metrics(exitCode: 77, lastSuccess: kept).write(to: path)

        let parsed = try PrometheusText(try String(contentsOfFile: path, encoding: .utf8))
        #expect(parsed.value("igexport_last_success_timestamp_seconds", ["pipeline": "nightly"]) == 1_780_000_012)
        #expect(parsed.value("igexport_last_run_exit_code", ["pipeline": "nightly"]) == 77)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
    }

    @Test func aPipelineThatNeverSucceededHasNoLastSuccessSample() throws {
        #expect(MetricsFile.lastSuccess(in: "/nonexistent/igexport.prom", pipeline: "nightly") == nil)
        let parsed = try PrometheusText(Self.metrics(exitCode: 69, lastSuccess: nil).text)
        #expect(!parsed.samples.contains { $0.name == "igexport_last_success_timestamp_seconds" })
    }

    @Test func anUnwritablePathIsAMetricsFileError() {
        #expect(throws: MetricsFileError.self) {
            try Self.metrics(exitCode: 0, lastSuccess: nil).write(to: "/dev/null/igexport.prom")
        }
    }

    @Test func aShardsMetricsCarryTheShardLabelAndItsOwnFile() throws {
        var metrics = Self.metrics(exitCode: 0, lastSuccess: 1_780_000_012.5)
        metrics.shard = Shard(index: 3, count: 8)
        let parsed = try PrometheusText(metrics.text)
        let labels = ["pipeline": "nightly", "shard": "3/8"]
        #expect(parsed.value("igexport_last_run_exit_code", labels) == 0)
        #expect(parsed.value("igexport_records_total", labels.merging(["stream": "media"]) { $1 }) == 120)
        #expect(!metrics.text.contains("{pipeline=\"nightly\"}"))
        #expect(
            MetricsFile.path("/var/lib/node_exporter/igexport-{shard}.prom", shard: metrics.shard)
                == "/var/lib/node_exporter/igexport-3.prom"
        )
        #expect(MetricsFile.path("m-{shard}.prom", shard: nil) == "m-0.prom")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("igexport-m-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("shard.prom").path
        try metrics.write(to: file)
        #expect(MetricsFile.lastSuccess(in: file, pipeline: "nightly", shard: metrics.shard) == 1_780_000_012.5)
        #expect(MetricsFile.lastSuccess(in: file, pipeline: "nightly") == nil)
    }
}

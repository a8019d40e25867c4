import Foundation
import Testing

@testable import IGCore
@testable import IGEngine

/// Every duration key of a pipeline.
private let durationKeys = [
    "source.auth.refresh_before", "source.emulator.latency", "http.timeout", "http.connect_timeout",
    "http.retry.base_delay", "http.retry.max_delay", "http.retry.max_wait", "extract.media.lookback",
    "checkpoint.cursor_ttl",
]

/// A pipeline that sets every duration key to `others` but `key`, set to `value`, and the 1-based line of `key`.
private func pipeline(breaking key: String, with value: String, others: String = "1s") -> (yaml: String, line: Int) {
    func set(_ wanted: String) -> String { wanted == key ? value : others }
    let lines = [
        "version: 1",
        "name: durations",
        "source:",
        "  api: emulator",
        "  auth: {refresh_before: \(set("source.auth.refresh_before"))}",
        "  emulator: {latency: \(set("source.emulator.latency"))}",
        "http:",
        "  timeout: \(set("http.timeout"))",
        "  connect_timeout: \(set("http.connect_timeout"))",
        "  retry: {base_delay: \(set("http.retry.base_delay")), max_delay: \(set("http.retry.max_delay")), "
            + "max_wait: \(set("http.retry.max_wait"))}",
        "extract:",
        "  media: {lookback: \(set("extract.media.lookback"))}",
        "checkpoint:",
        "  cursor_ttl: \(set("checkpoint.cursor_ttl"))",
        "load: [{ndjson: {path: \"out/{stream}.ndjson\"}}]",
    ]
    let name = key.split(separator: ".").last!
    let number = lines.firstIndex { $0.contains(" \(name):") || $0.contains("{\(name):") }! + 1
    return (lines.joined(separator: "\n"), number)
}

struct HostileConfigTests {
    @Test func everyDurationKeyAcceptsTheLongestDuration() throws {
        for key in durationKeys {
            let (yaml, _) = pipeline(breaking: key, with: "36500d", others: "36500d")
            _ = try PipelineConfig.parse(yaml: yaml, file: "d.yaml", environment: [:])
        }
    }

    @Test(arguments: durationKeys)
    func aHugeDurationIsAConfigErrorNamingTheKey(key: String) {
        let (yaml, line) = pipeline(breaking: key, with: "999999999999d")
        do {
            _ = try PipelineConfig.parse(yaml: yaml, file: "d.yaml", environment: [:])
            Issue.record("\(key): 999999999999d was accepted")
        } catch {
            #expect(error.key == key)
            #expect(error.line == line)
            #expect(error.message.contains("at most 36500d"), "\(error)")
            #expect("\(error)".hasPrefix("d.yaml:\(line):"))
        }
    }

    @Test func anEnvironmentTokenIsTrimmedAsAFileTokenIs() throws {
        let config = try PipelineConfig.parse(
            yaml: tokenPipeline("${env:IG_TOKEN}"),
            file: "t.yaml",
            environment: ["IG_TOKEN": " IGAAfromenv\r\n"]
        )
        #expect(config.source.token?.value == "IGAAfromenv")
    }

    @Test(arguments: ["", " ", "\n\t \r\n"])
    func aBlankEnvironmentTokenIsAConfigErrorNamingTheVariable(value: String) {
        do {
            _ = try PipelineConfig.parse(
                yaml: tokenPipeline("${env:IG_TOKEN}"),
                file: "t.yaml",
                environment: ["IG_TOKEN": value]
            )
            Issue.record("a blank token was accepted")
        } catch {
            #expect(error.key == "source.token")
            #expect(error.message.contains("IG_TOKEN"), "\(error)")
        }
    }

    @Test func aBlankTokenFileIsAConfigErrorNamingTheFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("blank-\(UUID().uuidString)").path
        try " \n\t\n".write(toFile: file, atomically: false, encoding: .utf8)
        defer { unlink(file) }
        do {
            _ = try PipelineConfig.parse(yaml: tokenPipeline("${file:\(file)}"), file: "t.yaml", environment: [:])
            Issue.record("a blank token file was accepted")
        } catch {
            #expect(error.key == "source.token")
            #expect(error.message.contains(file), "\(error)")
        }
    }

    @Test(arguments: ["o/media.ndjson", "a/b.csv", "x/y/z.ndjson", "/tmp/q/r.ndjson", "plain.ndjson"])
    func aWriterPathInAOneLetterFolderLoads(path: String) throws {
        let yaml = """
            version: 1
            name: paths
            source: {api: emulator}
            extract: {media: {}}
            load: [{ndjson: {path: "\(path)"}}]
            checkpoint: {path: "\(path).state"}
            """
        let config = try PipelineConfig.parse(yaml: yaml, file: "p.yaml", environment: [:])
        #expect(config.checkpoint.path == path + ".state")
    }
}

private func tokenPipeline(_ token: String) -> String {
    """
    version: 1
    name: tokens
    source:
      token: \(token)
      accounts: [me]
    extract: {media: {}}
    load: [{ndjson: {path: "out/{stream}.ndjson"}}]
    """
}

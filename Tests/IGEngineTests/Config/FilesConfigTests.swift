import Testing

@testable import IGEngine

/// The `files` writer's entry: options parse like every writer's, and a mistake names its key and line.
struct FilesConfigTests {
    private func parse(_ files: String) throws -> PipelineConfig {
        let yaml = """
            version: 1
            name: files
            source:
              token: ${env:T}
            extract:
              media: {fields: [id, media_url, timestamp]}
              stories: {}
            load:
              - ndjson: {path: "out/{stream}.ndjson"}
              - files: \(files)
            """
        return try PipelineConfig.parse(yaml: yaml, file: "files.yaml", environment: ["T": "IGAAtoken"])
    }

    private func error(_ files: String) -> ConfigError? {
        do {
            _ = try parse(files)
            return nil
        } catch {
            return error as? ConfigError
        }
    }

    @Test func takesTheDefaultsTheIssueShows() throws {
        let sink = try #require(try parse("{}").load.last)
        #expect(sink.format == .files)
        #expect(sink.streams == [.media])
        #expect(sink.path == "archive/manifest.ndjson")
        var defaults = FilesOptions()
        defaults.notes = "output/.state/files/files"
        #expect(sink.files == defaults)
        #expect(sink.files.template == "archive/{account}/{year}/{date}_{id}.{ext}")
        #expect(sink.files.root == "archive")
    }

    @Test func readsEveryOption() throws {
        let sink = try #require(
            try parse(
                """
                {streams: [media, stories], path: "a/{stream}/{month}/{id}.{ext}", thumbnails: false, children: false,
                manifest: "a/{account}.ndjson", concurrency: 8, max_bytes_per_second: 1000, max_file_bytes: 5000,
                base_url: "https://example.com/a/"}
                """
            ).load.last
        )
        #expect(sink.streams == [.media, .stories])
        #expect(sink.path == "a/{account}.ndjson")
        #expect(sink.files.template == "a/{stream}/{month}/{id}.{ext}")
        #expect(!sink.files.thumbnails && !sink.files.children)
        #expect(sink.files.concurrency == 8 && sink.files.maxBytesPerSecond == 1000 && sink.files.maxFileBytes == 5000)
        #expect(sink.files.baseURL == "https://example.com/a")
    }

    @Test(arguments: [
        ("{paht: \"a/{id}.{ext}\"}", "paht", "unknown key 'paht'"),
        ("{path: \"a/{title}_{id}.{ext}\"}", "path", "unknown placeholder {title}"),
        ("{path: \"a/{date}.{ext}\"}", "path", "put {id} in the path"),
        ("{path: \"a/{id}.jpg\"}", "path", "end the path with .{ext}"),
        ("{path: \"a/../{id}.{ext}\"}", "path", "no '.' or '..'"),
        ("{stream: profile}", "stream", "archives the media and stories streams"),
        ("{concurrency: 0}", "concurrency", "out of range"),
        ("{base_url: example.com}", "base_url", "absolute http(s) URL"),
        ("{manifest: \"m/{date}.ndjson\"}", "manifest", "unknown placeholder {date}"),
    ])
    func namesTheKeyAndLineOfAMistake(files: String, key: String, message: String) {
        let error = error(files)
        #expect(error?.line == 10, "\(String(describing: error))")
        #expect(error?.key == "load[1].files.\(key)", "\(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test func refusesASecondFilesWriter() throws {
        let yaml = """
            version: 1
            name: files
            source:
              token: ${env:T}
            extract:
              media: {}
            load:
              - files: {}
              - files: {path: "b/{id}.{ext}"}
            """
        #expect(throws: ConfigError.self) {
            try PipelineConfig.parse(yaml: yaml, file: "files.yaml", environment: ["T": "IGAAtoken"])
        }
    }
}

extension FilesConfigTests {
    private func several(_ files: String) throws -> PipelineConfig {
        let yaml = """
            version: 1
            name: files
            source:
              token: ${env:T}
              accounts: ["17841400000000001", "17841400000000002"]
            extract:
              media: {}
            load:
              - ndjson: {path: "out/{account}.ndjson"}
              - files: \(files)
            """
        return try PipelineConfig.parse(yaml: yaml, file: "files.yaml", environment: ["T": "IGAAtoken"])
    }

    @Test func givesEachAccountItsOwnManifestByDefault() throws {
        #expect(try several("{}").load.last?.path == "archive/manifest-{account}.ndjson")
        #expect(try several("{manifest: \"m/{account}.ndjson\"}").load.last?.path == "m/{account}.ndjson")
        #expect(throws: ConfigError.self) { try several("{manifest: m/all.ndjson}") }
    }

    @Test func refusesOneArchiveFolderForSeveralAccounts() throws {
        let shared = "{path: \"archive/{year}/{id}.{ext}\", manifest: \"m/{account}.ndjson\"}"
        let error = #expect(throws: ConfigError.self) { try several(shared) }
        #expect(error?.description.contains("put {account} in the files writer's path") == true)
    }
}

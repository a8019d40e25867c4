import IGCore

extension ConfigDecoder {
    /// The `files` writer: its `path` names each downloaded file, and its `manifest` is the sink's output.
    func filesSink(_ node: ConfigNode, extract: ExtractConfig, staging: String) throws(ConfigError) -> SinkConfig {
        let keys = try node.mapping(allowed: [
            "path", "stream", "streams", "thumbnails", "children", "manifest", "concurrency", "max_bytes_per_second",
            "max_file_bytes", "base_url",
        ])
        var options = FilesOptions()
        if let path = keys["path"] {
            let template = try path.nonEmptyString()
            try checkFileTemplate(template, at: path)
            options.template = try stagedPath(template, at: path, staging: staging)
        }
        let streams = try self.streams(keys) ?? [.media]
        let streamsNode = keys["stream"] ?? keys["streams"] ?? node
        for stream in streams {
            guard stream == .media || stream == .stories else {
                throw streamsNode.error(
                    "the files writer archives the media and stories streams, not '\(stream.rawValue)'"
                )
            }
            guard extract.streams.contains(stream) else {
                throw streamsNode.error("stream '\(stream.rawValue)' is not extracted; add it under `extract:`")
            }
        }
        if let thumbnails = keys["thumbnails"] { options.thumbnails = try thumbnails.bool() }
        if let children = keys["children"] { options.children = try children.bool() }
        if let concurrency = keys["concurrency"] { options.concurrency = try concurrency.int(in: 1...64) }
        if let speed = keys["max_bytes_per_second"] { options.maxBytesPerSecond = try speed.int(in: 0...Int.max) }
        if let cap = keys["max_file_bytes"] { options.maxFileBytes = try cap.int(in: 1...Int.max) }
        if let base = keys["base_url"] {
            let text = try absoluteURL(base)
            options.baseURL = text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        let manifest: String
        if let node = keys["manifest"] {
            manifest = try stagedPath(try node.nonEmptyString(), at: node, staging: staging)
            for name in placeholders(in: manifest) where name != "account" && name != "pipeline" {
                throw node.error("unknown placeholder {\(name)} in the manifest's path; valid: {account}, {pipeline}")
            }
            try writableFolder(for: manifest, at: node)
            options.manifestGiven = true
        } else {
            manifest = PathName.join(options.root, "manifest.ndjson")
        }
        try writableFolder(for: options.template, at: keys["path"] ?? node)
        var sink = SinkConfig(format: .files, streams: streams, path: manifest)
        sink.files = options
        return sink
    }

    private func checkFileTemplate(_ template: String, at node: ConfigNode) throws(ConfigError) {
        let names = placeholders(in: template)
        for name in names where !FilesOptions.placeholders.contains(name) {
            throw node.error(
                "unknown placeholder {\(name)}; valid: {\(FilesOptions.placeholders.joined(separator: "}, {"))}"
            )
        }
        guard names.contains("id") else {
            throw node.error("put {id} in the path, so that every media gets a file of its own")
        }
        guard template.hasSuffix(".{ext}") else {
            throw node.error("end the path with .{ext}, the extension the file's content type gives")
        }
        guard !template.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
            throw node.error("no '.' or '..' in the path: every file stays below the archive's folder")
        }
    }

    /// The names of the `{…}` placeholders of a path; an unclosed brace is reported as `{`.
    private func placeholders(in path: String) -> [String] {
        var names: [String] = []
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { return names + ["{"] }
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

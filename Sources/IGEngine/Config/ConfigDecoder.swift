import Foundation
import IGCore
import IGGraph

/// Decodes a pipeline's YAML node tree into `PipelineConfig`, section by section, so that every error names
/// the key path and the line it came from.
struct ConfigDecoder {
    let file: String
    let environment: [String: String]

    func pipeline(_ node: ConfigNode) throws(ConfigError) -> PipelineConfig {
        let keys = try node.mapping(allowed: [
            "version", "name", "source", "http", "extract", "transform", "load", "catalog", "manifest", "checkpoint",
            "on_partial", "storage",
        ])
        guard let versionNode = keys["version"] else { throw node.error("missing key 'version' (use `version: 1`)") }
        let version = try versionNode.int(in: 1...1)
        guard let nameNode = keys["name"] else { throw node.error("missing key 'name'") }
        let name = try nameNode.nonEmptyString()
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw nameNode.error("'\(name)' may use only letters, digits, '-' and '_' (it names files and locks)")
        }
        guard let sourceNode = keys["source"] else { throw node.error("missing key 'source'") }
        var config = PipelineConfig(name: name, source: try source(sourceNode))
        config.version = version
        config.file = file
        if let http = keys["http"] { config.http = try self.http(http) }
        if let extract = keys["extract"] { config.extract = try self.extract(extract) }
        if config.extract.streams.isEmpty {
            throw (keys["extract"] ?? node).error(
                "no stream to extract; switch on at least one of: \(StreamKind.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if let transform = keys["transform"] { config.transform = try transformSteps(transform) }
        if let checkpoint = keys["checkpoint"] {
            config.checkpoint = try self.checkpoint(checkpoint, default: config.checkpoint)
        }
        // `s3://` outputs are staged in the state folder, written as local ones, and uploaded at publish time.
        let staging = PathName.join(config.checkpoint.path, "staging")
        guard let loadNode = keys["load"] else { throw node.error("missing key 'load' (at least one writer)") }
        config.load = try sinks(loadNode, extract: config.extract, staging: staging)
        // An accounts file is read when a run starts, so it counts as several accounts.
        let accountCount =
            config.source.api == .emulator
            ? config.source.emulator.accounts : config.source.accountsFile == nil ? config.source.accounts.count : 2
        // Accounts run concurrently: sharing one file, their pages would interleave in a different order on
        // every run, and a CSV header or an RSS channel would describe only one of them.
        for (index, sink) in config.load.enumerated() where accountCount > 1 {
            let item = (try? loadNode.list())?[safe: index] ?? loadNode
            // Accounts download at once: sharing a folder, they would sweep each other's downloads in flight.
            if sink.format == .files, !sink.files.template.contains("{account}") {
                throw item.error("several accounts are exported: put {account} in the files writer's path")
            }
            guard !sink.path.contains("{account}") else { continue }
            guard sink.format == .files else {
                throw item.error("several accounts are exported: put {account} in this writer's path")
            }
            // The archive's manifest is per account too: by default one beside the other in the archive root.
            guard !sink.files.manifestGiven else {
                throw item.error("several accounts are exported: put {account} in the files writer's manifest")
            }
            config.load[index].path = PathName.join(sink.files.root, "manifest-{account}.ndjson")
        }
        // The files writer remembers, in the state folder, what a run added to the archive (see `FilesSink`).
        for index in config.load.indices where config.load[index].format == .files {
            config.load[index].files.notes = PathName.join(config.checkpoint.path, "files")
        }
        if let catalog = keys["catalog"] {
            let path = try landingPath(catalog, placeholders: ["pipeline"], staging: staging)
            config.catalog = CatalogConfig(path: path)
        }
        if let manifest = keys["manifest"] {
            config.manifest = ManifestConfig(
                path: try landingPath(
                    manifest,
                    placeholders: ["pipeline", "run", "date", "account", "shard"],
                    staging: staging
                )
            )
            // Each account publishes when it completes, so each writes a manifest of its own files.
            if accountCount > 1, config.manifest?.path.contains("{account}") == false {
                throw manifest.error("several accounts are exported: put {account} in the manifest's path")
            }
        }
        if let onPartial = keys["on_partial"] {
            config.onPartial = try onPartial.oneOf(PartialPolicy.self)
        }
        let written = config.load.flatMap { $0.format == .files ? [$0.path, $0.files.template] : [$0.path] }
        let staged = written + [config.catalog?.path, config.manifest?.path].compactMap(\.self)
        if keys["storage"] != nil || staged.contains(where: { $0.hasPrefix(staging + "/") }) {
            config.storage = try storage(keys["storage"], staging: staging, at: loadNode)
        }
        return config
    }

    /// The `path` of `catalog:` or `manifest:`, with only `placeholders` allowed in it.
    private func landingPath(_ node: ConfigNode, placeholders: [String], staging: String) throws(ConfigError)
        -> String
    {
        let keys = try node.mapping(allowed: ["path"])
        guard let pathNode = keys["path"] else { throw node.error("missing key 'path'") }
        let path = try stagedPath(try pathNode.nonEmptyString(), at: pathNode, staging: staging)
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw pathNode.error("unclosed '{' in the path template")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard placeholders.contains(name) else {
                throw pathNode.error(
                    "unknown placeholder {\(name)}; valid: {\(placeholders.joined(separator: "}, {"))}"
                )
            }
            rest = rest[rest.index(after: close)...]
        }
        return path
    }

    private func source(_ node: ConfigNode) throws(ConfigError) -> SourceConfig {
        let keys = try node.mapping(allowed: [
            "api", "api_version", "token", "accounts", "accounts_file", "auth", "emulator",
        ])
        var source = SourceConfig()
        if let api = keys["api"] {
            let text = try api.nonEmptyString()
            if text == "emulator" {
                source.api = .emulator
            } else {
                guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme),
                    url.host != nil, url.query == nil
                else {
                    throw api.error("expected `emulator` or a base URL such as https://graph.instagram.com")
                }
                if scheme == "http", URLParts(text)?.isLoopback != true {
                    throw api.error("plain http:// is allowed only to loopback; use https://")
                }
                source.api = .url(text.hasSuffix("/") ? String(text.dropLast()) : text)
            }
        }
        if let version = keys["api_version"] {
            let text = try version.string()
            let parts = text.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
            guard text.hasPrefix("v"), parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) })
            else { throw version.error("expected a Graph API version such as v23.0") }
            source.apiVersion = text
        }
        if let token = keys["token"] { source.token = try secret(token) }
        if let accounts = keys["accounts"] { source.accounts = try self.accounts(accounts) }
        if let file = keys["accounts_file"] {
            guard keys["accounts"] == nil else { throw file.error("give either accounts or accounts_file, not both") }
            guard source.api != .emulator else { throw file.error("not valid with `api: emulator`") }
            source.accountsFile = try file.nonEmptyString()
            source.accounts = []
        }
        if let auth = keys["auth"] {
            let authKeys = try auth.mapping(allowed: ["auto_refresh", "refresh_before"])
            if let value = authKeys["auto_refresh"] { source.auth.autoRefresh = try value.bool() }
            if let value = authKeys["refresh_before"] { source.auth.refreshBefore = try value.duration() }
        }
        if let emulator = keys["emulator"] {
            guard source.api == .emulator else { throw emulator.error("only valid with `api: emulator`") }
            source.emulator = try emulatorOptions(emulator)
        }
        if source.api != .emulator {
            let missing =
                source.accountsFile == nil && source.accounts.contains { $0.token == nil } && source.token == nil
            if missing {
                throw (keys["token"] ?? node).error(
                    "missing token; set `token: ${env:IG_ACCESS_TOKEN}` or `token: ${file:/path/to/token}`"
                )
            }
        }
        return source
    }

    private func accounts(_ node: ConfigNode) throws(ConfigError) -> [AccountConfig] {
        let list = try node.list()
        guard !list.isEmpty else { throw node.error("expected at least one account (`me` or a user id)") }
        var result: [AccountConfig] = []
        for item in list {
            if item.node.scalar != nil {
                result.append(AccountConfig(id: try accountID(item)))
            } else {
                let keys = try item.mapping(allowed: ["id", "token"])
                guard let id = keys["id"] else { throw item.error("missing key 'id'") }
                result.append(
                    AccountConfig(
                        id: try accountID(id),
                        token: try keys["token"].map { (t) throws(ConfigError) in try secret(t) }
                    )
                )
            }
            if result.dropLast().contains(where: { $0.id == result.last?.id }) {
                throw item.error("account '\(result.last?.id ?? "")' is listed twice")
            }
        }
        return result
    }

    private func accountID(_ node: ConfigNode) throws(ConfigError) -> String {
        let id = try node.nonEmptyString()
        guard id == "me" || id.allSatisfy(\.isNumber) else {
            throw node.error("expected `me` or a numeric Instagram user id, not '\(id)'")
        }
        return id
    }

    /// Resolves `${env:NAME}` or `${file:PATH}`; a literal token is refused, since pipeline files get shared.
    func secret(_ node: ConfigNode) throws(ConfigError) -> Secret {
        let text = try node.nonEmptyString()
        do {
            return try SecretReference.resolve(text, environment: environment)
        } catch {
            throw node.error(error.message)
        }
    }

    private func emulatorOptions(_ node: ConfigNode) throws(ConfigError) -> EmulatorOptions {
        let keys = try node.mapping(allowed: ["seed", "accounts", "media", "faults", "latency", "profile", "behaviour"])
        var options = EmulatorOptions()
        if let seed = keys["seed"] { options.seed = UInt64(try seed.int(in: 0...Int.max)) }
        if let accounts = keys["accounts"] { options.accounts = try accounts.int(in: 1...100) }
        if let media = keys["media"] { options.media = try media.int(in: 0...10_000) }
        if let faults = keys["faults"] { options.faults = try faults.string() }
        if let latency = keys["latency"] { options.latency = try latency.duration() }
        if let profile = keys["profile"] { options.profile = try profile.oneOf(EmulatorProfile.self) }
        if let behaviour = keys["behaviour"] { options.behaviour = try behaviour.string() }
        return options
    }

    private func http(_ node: ConfigNode) throws(ConfigError) -> HTTPConfig {
        let keys = try node.mapping(allowed: ["timeout", "connect_timeout", "retry", "concurrency", "max_body"])
        var http = HTTPConfig()
        if let value = keys["timeout"] { http.timeout = try positive(value) }
        if let value = keys["connect_timeout"] { http.connectTimeout = try positive(value) }
        if let value = keys["concurrency"] { http.concurrency = try value.int(in: 1...64) }
        if let value = keys["max_body"] { http.maxBody = try value.byteSize(in: 1 << 10...4 << 30) }
        if let retry = keys["retry"] {
            let retryKeys = try retry.mapping(allowed: ["max_attempts", "base_delay", "max_delay", "max_wait"])
            if let value = retryKeys["max_attempts"] { http.retry.maxAttempts = try value.int(in: 1...100) }
            if let value = retryKeys["base_delay"] { http.retry.baseDelay = try positive(value) }
            if let value = retryKeys["max_delay"] { http.retry.maxDelay = try positive(value) }
            if let value = retryKeys["max_wait"] { http.retry.maxWait = try value.duration() }
            if http.retry.maxDelay < http.retry.baseDelay {
                throw (retryKeys["max_delay"] ?? retry).error("max_delay must be at least base_delay")
            }
        }
        return http
    }

    private func checkpoint(_ node: ConfigNode, default defaults: CheckpointConfig) throws(ConfigError)
        -> CheckpointConfig
    {
        let keys = try node.mapping(allowed: ["path", "durability", "cursor_ttl"])
        var checkpoint = defaults
        if let value = keys["path"] {
            checkpoint.path = try value.nonEmptyString()
            try writableFolder(for: checkpoint.path, at: value)
        }
        if let value = keys["durability"] { checkpoint.durability = try value.oneOf(Durability.self) }
        if let value = keys["cursor_ttl"] { checkpoint.cursorTTL = try positive(value) }
        return checkpoint
    }

    func positive(_ node: ConfigNode) throws(ConfigError) -> Duration {
        let value = try node.duration()
        guard value > .zero else { throw node.error("must be greater than zero") }
        return value
    }

    /// Checks that the folder a path lands in exists and is writable, or can be created in a writable one.
    /// The folders are cut at the last `/` as `OutputFile` does, not with `NSString.deletingLastPathComponent`,
    /// which traps on a one-letter folder (`o/media.ndjson`) in this Foundation.
    func writableFolder(for path: String, at node: ConfigNode) throws(ConfigError) {
        var folder = PathName.folder(of: path)
        var isDirectory: ObjCBool = false
        while !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            let parent = PathName.folder(of: folder)
            // `.` and `/` are their own parents; when even they are missing there is nothing to create in.
            guard parent != folder else { throw node.error("the folder '\(folder)' does not exist") }
            folder = parent
        }
        guard isDirectory.boolValue else { throw node.error("'\(folder)' is a file, so \(path) cannot be created") }
        guard access(folder, W_OK) == 0 else { throw node.error("the folder '\(folder)' is not writable") }
    }
}

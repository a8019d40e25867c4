import GraphEmulator
import IGCore
import IGEngine
import IGGraph
import IGOps

/// The API a pipeline talks to: its URL, or the built-in emulator, started on a free loopback port.
struct PipelineSource {
    let resolved: ResolvedSource
    let emulator: GraphEmulatorServer?

    /// The API's base URL.
    var baseURL: String { resolved.baseURL }

    /// Resolves `config`'s source with the accounts of `shard` (every account when `shard` is `nil`),
    /// starting the emulator for `api: emulator`, whose accounts are sharded the same way.
    static func start(_ config: PipelineConfig, shard: Shard? = nil) async throws -> PipelineSource {
        let owns = { (account: String) in shard?.owns(account) ?? true }
        guard config.source.api == .emulator else {
            return PipelineSource(resolved: try ResolvedSource(config.source, including: owns), emulator: nil)
        }
        var emulator = try EmulatorConfiguration(config.source.emulator)
        // A pipeline that archives media gets files to archive: the emulator's own CDN, not Instagram's.
        if config.load.contains(where: { $0.format == .files }) { emulator.cdn = CDNOptions() }
        let server = try await GraphEmulatorServer.start(emulator)
        var resolved = server.resolvedSource(apiVersion: config.source.apiVersion)
        resolved.accounts = resolved.accounts.filter { owns($0.id) }
        return PipelineSource(resolved: resolved, emulator: server)
    }

    /// Stops the emulator, if one was started.
    func shutdown() async {
        try? await emulator?.shutdown()
    }
}

extension EmulatorConfiguration {
    /// The emulator a pipeline with `api: emulator` asks for, on a free loopback port.
    init(_ options: EmulatorOptions) throws {
        self.init()
        port = 0
        seed = options.seed
        accounts = options.accounts
        mediaPerAccount = options.media
        latency = options.latency
        if !options.faults.isEmpty {
            faults = try FaultPlan(parsing: options.faults)
        }
        let profile: EmulatorBehaviour.Profile = options.profile == .realistic ? .realistic : .standard
        behaviour = try EmulatorBehaviour(profile: profile, parsing: options.behaviour)
    }
}

extension GraphEmulatorServer {
    /// The emulator's accounts as a run's source, each with the token the emulator issued it.
    func resolvedSource(apiVersion: String) -> ResolvedSource {
        ResolvedSource(
            baseURL: baseURL,
            apiVersion: apiVersion,
            accounts: accounts.map {
                ResolvedSource.Account(id: $0.id, token: Secret(value: $0.token, source: "emulator"))
            }
        )
    }
}

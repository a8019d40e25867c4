import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A running Graph API emulator: an HTTP/1.1 server on loopback that answers as graph.instagram.com does, for
/// the accounts it made up from its seed.
///
/// ```swift
/// let server = try await GraphEmulatorServer.start(EmulatorConfiguration())
/// // GET \(server.baseURL)/v23.0/me?fields=user_id,username&access_token=\(server.accounts[0].token)
/// try await server.shutdown()
/// ```
public final class GraphEmulatorServer: Sendable {
    private let channel: any Channel
    private let engine: EmulatorEngine
    private let connections: NIOLockedValueBox<[ObjectIdentifier: any Channel]>

    /// The port the server listens on (the one it was given, or the free one it took for port 0).
    public let port: Int
    /// `http://HOST:PORT`, the root that `next` links point to.
    public let baseURL: String

    /// The accounts served, with their first tokens.
    public var accounts: [EmulatedAccount] {
        engine.accounts
    }

    private init(
        channel: any Channel,
        engine: EmulatorEngine,
        connections: NIOLockedValueBox<[ObjectIdentifier: any Channel]>,
        port: Int,
        host: String
    ) {
        self.channel = channel
        self.engine = engine
        self.connections = connections
        self.port = port
        baseURL = "http://" + (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    }

    /// Generates the data and starts listening. Throws `EmulatorConfigurationError` for a bad configuration, or
    /// NIO's error when the address cannot be bound.
    public static func start(_ configuration: EmulatorConfiguration) async throws -> GraphEmulatorServer {
        try configuration.validate()
        let engine = try EmulatorEngine(configuration: configuration)
        let host = configuration.host
        let connections = NIOLockedValueBox<[ObjectIdentifier: any Channel]>([:])
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { child in
                let key = ObjectIdentifier(child)
                connections.withLockedValue { $0[key] = child }
                child.closeFuture.whenComplete { _ in
                    _ = connections.withLockedValue { $0.removeValue(forKey: key) }
                }
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try child.pipeline.syncOperations.addHandler(EmulatorHTTPHandler(engine: engine, host: host))
                }
            }
        let channel = try await bootstrap.bind(host: host, port: configuration.port).get()
        return GraphEmulatorServer(
            channel: channel,
            engine: engine,
            connections: connections,
            port: channel.localAddress?.port ?? configuration.port,
            host: host
        )
    }

    /// Adds `count` new media to the account at `index` (0-based), newer than every media so far, as if posted
    /// between two runs. Existing cursors stay valid: they point at older media.
    public func publish(newMedia count: Int, account index: Int) {
        precondition(accounts.indices.contains(index), "no account at index \(index)")
        engine.publish(newMedia: count, account: index)
    }

    /// Stops listening and closes open connections.
    public func shutdown() async throws {
        try await channel.close().get()
        for connection in connections.withLockedValue({ Array($0.values) }) {
            try? await connection.close().get()
        }
    }
}

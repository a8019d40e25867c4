import GraphEmulator

/// Starts an emulator on a free loopback port for the duration of `body`, and awaits its shutdown when `body`
/// returns or throws: no server outlives its test.
public func withEmulator<Result>(
    _ configuration: EmulatorConfiguration = EmulatorConfiguration(),
    _ body: (GraphEmulatorServer) async throws -> Result
) async throws -> Result {
    let server = try await GraphEmulatorServer.start(configuration)
    do {
        let result = try await body(server)
        try await server.shutdown()
        return result
    } catch {
        try? await server.shutdown()
        throw error
    }
}

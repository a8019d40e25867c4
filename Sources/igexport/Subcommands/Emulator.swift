import ArgumentParser
import Dispatch
import Foundation
import GraphEmulator

extension IGExportCommand {
    /// `igexport emulator`: serves the offline Graph API emulator on loopback until SIGINT or SIGTERM.
    struct Emulator: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "emulator",
            abstract: "Serve an offline emulator of graph.instagram.com on loopback.",
            discussion: """
                Prints its base URL and each account's id, username and token, then answers as the Instagram API \
                with Instagram Login does, with deterministic data made from the seed.

                Faults (--faults) are comma-separated name=value items: http500, reset, truncate, throttle and \
                empty take a rate (0.1) or every:K; slow takes the same with an optional delay (slow=every:7@300ms); \
                cursor_ttl takes a duration (30s); token_expiry a number of calls (200).

                --profile realistic answers as real runs meet the API (metric refusals per media type, \
                2108006 on the oldest media, too few viewers, insight retention, comment replies, the Instagram \
                usage header, a flat /me, time-based paging, media_count drift). --behaviour sets single \
                behaviours over the profile: refuse_image_shares, insight_retention, replies, instagram_usage, \
                flat_me and time_paging take true or false; pre_conversion and not_enough_viewers a share \
                (0.05); listing_cap a number of media; media_count_drift a number.

                --cdn serves the files behind media_url and thumbnail_url from the emulator itself, with signed \
                URLs that answer 403 after --cdn-url-lifetime; any --cdn-… option turns it on.
                """
        )

        @Option(help: "The port to listen on; 0 takes any free port.")
        var port: Int = 8080

        @Option(help: "The address to listen on.")
        var host: String = "127.0.0.1"

        @Option(help: "The seed of every generated value.")
        var seed: UInt64 = 42

        @Option(help: "How many accounts to serve.")
        var accounts: Int = 1

        @Option(help: "How many media each account starts with.")
        var media: Int = 120

        @Option(help: "A delay added to every answer, e.g. 40ms.")
        var latency: String = "0ms"

        @Option(help: "Faults to inject, e.g. http500=0.1,reset=every:50,cursor_ttl=30s.")
        var faults: String = ""

        @Option(name: .customLong("rate-limit"), help: "A per-account call budget, CALLS/WINDOW, e.g. 200/1h.")
        var rateLimit: String?

        @Option(name: .customLong("request-log"), help: "Write one JSON line per request to this file.")
        var requestLog: String?

        @Option(help: "standard (as documented) or realistic (as real runs meet the API).")
        var profile: String = "standard"

        @Option(help: "Single behaviours over the profile, e.g. listing_cap=50,flat_me=true.")
        var behaviour: String = ""

        @Flag(help: "Serve media files on a CDN of the emulator's own (media_url points at it).")
        var cdn = false

        @Option(name: .customLong("cdn-url-lifetime"), help: "How long a CDN URL stays valid, e.g. 1s (default 1h).")
        var cdnURLLifetime: String?

        @Option(name: .customLong("cdn-image-bytes"), help: "The size of an image on the CDN (default 2048).")
        var cdnImageBytes: Int?

        @Option(name: .customLong("cdn-video-bytes"), help: "The size of a video on the CDN (default 8192).")
        var cdnVideoBytes: Int?

        @Option(name: .customLong("cdn-http500"), help: "CDN requests answered 500: a rate (0.1) or every:K.")
        var cdnHTTP500: String?

        @Flag(
            name: .customLong("cdn-expire-listed"),
            help: "URLs in listings come expired; only a read by id is fresh."
        )
        var cdnExpireListed = false

        func validate() throws {
            _ = try makeConfiguration()
        }

        func run() async throws {
            let configuration = try makeConfiguration()
            let server: GraphEmulatorServer
            do {
                server = try await GraphEmulatorServer.start(configuration)
            } catch let error as EmulatorConfigurationError {
                throw ValidationError(error.description)
            } catch {
                printError("igexport: cannot listen on \(host):\(port): \(error)")
                throw ExitCode(ExitStatus.unavailable)
            }
            var banner = "Graph API emulator listening on \(server.baseURL)\n"
            for account in server.accounts {
                banner += "account \(account.id) username \(account.username) token \(account.token)\n"
            }
            FileHandle.standardOutput.write(Data(banner.utf8))
            _ = await TerminationSignal().wait()
            try await server.shutdown()
        }

        /// The CDN's options, when `--cdn` or any `--cdn-…` option asks for it.
        private func cdnOptions() throws(EmulatorConfigurationError) -> CDNOptions? {
            let asked =
                cdn || cdnExpireListed || cdnURLLifetime != nil || cdnImageBytes != nil || cdnVideoBytes != nil
                || cdnHTTP500 != nil
            guard asked else { return nil }
            var options = CDNOptions()
            if let cdnURLLifetime { options.urlLifetime = try DurationSyntax.parse(cdnURLLifetime) }
            if let cdnImageBytes { options.imageBytes = cdnImageBytes }
            if let cdnVideoBytes { options.videoBytes = cdnVideoBytes }
            if let cdnHTTP500 { options.http500 = try FaultTrigger(parsing: Substring(cdnHTTP500), item: cdnHTTP500) }
            options.listedURLsExpired = cdnExpireListed
            return options
        }

        private static func profile(_ name: String) throws(EmulatorConfigurationError) -> EmulatorBehaviour.Profile {
            guard let profile = EmulatorBehaviour.Profile(rawValue: name) else {
                throw EmulatorConfigurationError(item: name, message: "a profile is standard or realistic")
            }
            return profile
        }

        private func makeConfiguration() throws(ValidationError) -> EmulatorConfiguration {
            do {
                var configuration = EmulatorConfiguration(
                    host: host,
                    port: port,
                    seed: seed,
                    accounts: accounts,
                    mediaPerAccount: media,
                    latency: try DurationSyntax.parse(latency),
                    faults: try FaultPlan(parsing: faults),
                    rateLimit: try rateLimit.map { text throws(EmulatorConfigurationError) in
                        try RateLimit(parsing: text)
                    },
                    requestLogPath: requestLog,
                    behaviour: try EmulatorBehaviour(profile: try Self.profile(profile), parsing: behaviour)
                )
                configuration.cdn = try cdnOptions()
                try configuration.validate()
                return configuration
            } catch {
                throw ValidationError(error.description)
            }
        }
    }
}

/// Waits for SIGINT or SIGTERM. Its state is touched only on its own serial queue, hence `@unchecked Sendable`.
private final class TerminationSignal: @unchecked Sendable {
    private let queue = DispatchQueue(label: "igexport.emulator.signals")
    private var sources: [any DispatchSourceSignal] = []
    private var continuation: CheckedContinuation<Int32, Never>?

    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            queue.async {
                self.continuation = continuation
                for number in [SIGINT, SIGTERM] {
                    signal(number, SIG_IGN)
                    let source = DispatchSource.makeSignalSource(signal: number, queue: self.queue)
                    source.setEventHandler { self.received(number) }
                    source.resume()
                    self.sources.append(source)
                }
            }
        }
    }

    private func received(_ number: Int32) {
        continuation?.resume(returning: number)
        continuation = nil
        for source in sources {
            source.cancel()
        }
    }
}

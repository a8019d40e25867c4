import Foundation
import IGCore
import IGEngine
import IGGraph
import IGStorage

/// `igexport check` for one bucket that `s3://` outputs go to: writes a zero-byte probe object where the run
/// would write, then deletes it, so that wrong credentials (exit 77) or a missing bucket (exit 73) show before
/// a run has extracted anything.
public struct BucketCheck: PreflightCheck {
    public let client: S3Client
    /// The probe object; it lies beside the run's first output in this bucket.
    public let probe: ObjectLocation

    /// Creates the check of the bucket of `probe`.
    public init(client: S3Client, probe: ObjectLocation) {
        self.client = client
        self.probe = probe
    }

    /// One check per bucket of `config`'s `s3://` outputs; none when every output is local.
    public static func checks(config: PipelineConfig, clock: any RunClock) throws -> [BucketCheck] {
        guard let storage = config.storage else { return [] }
        let client = try S3Client(config: storage, http: config.http, version: IGExportVersion.current, clock: clock)
        let paths = config.load.map(\.path) + [config.catalog?.path, config.manifest?.path].compactMap(\.self)
        var checks: [BucketCheck] = []
        for path in paths {
            // The folder of the template before its first placeholder: a prefix the run writes under.
            let fixed = String(path.prefix { $0 != "{" })
            let folder = PathName.folder(of: fixed + "x")
            let name = ".igexport-probe-\(UUID().uuidString.lowercased())"
            guard let probe = ObjectLocation(stagingPath: PathName.join(folder, name), root: storage.stagingRoot),
                !checks.contains(where: { $0.probe.bucket == probe.bucket })
            else { continue }
            checks.append(BucketCheck(client: client, probe: probe))
        }
        return checks
    }

    public func run() async -> [CheckResult] {
        let name = "bucket \(probe.bucket)"
        do {
            try await client.put(probe, body: .bytes([]), digest: S3Client.Digest(of: []))
            try await client.delete(probe)
            return [
                CheckResult(name: name, status: .ok, summary: "writable: wrote and deleted the probe object \(probe)")
            ]
        } catch {
            return [CheckResult(name: name, status: .refused, summary: error.message, failure: error)]
        }
    }
}

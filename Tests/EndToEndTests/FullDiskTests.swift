import Foundation
import GraphEmulator
import TestSupport
import Testing

/// A full disk mid-run: the run stops with exit 74, and once there is room again the next run resumes and
/// ends with exactly the outputs of a run that never failed. Needs root, to mount a tiny tmpfs.
@Suite(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"), .tags(.slow))
struct FullDiskTests {
    @Test func aFullDiskExits74AndALaterRunResumesWithNothingLost() async throws {
        try await withTemporaryFolder { folder in
            try await withEmulator(EmulatorConfiguration(seed: 5, mediaPerAccount: 400)) { server in
                let environment = ["DISK_TOKEN": server.accounts[0].token]

                let reference = folder.url.appendingPathComponent("reference")
                let referencePipeline = try folder.write(
                    pipeline(server: server, output: reference),
                    to: "reference.yaml"
                )
                #expect(
                    try await Command(arguments: ["run", referencePipeline.path], environment: environment).run().status
                        == 0
                )

                let disk = folder.url.appendingPathComponent("disk")
                try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
                #expect(try mount(["-t", "tmpfs", "-o", "size=160k", "tmpfs", disk.path]) == 0)
                defer { _ = try? mount([disk.path], command: "/bin/umount") }
                let pipeline = try folder.write(pipeline(server: server, output: disk), to: "disk.yaml")

                let full = try await Command(arguments: ["run", pipeline.path], environment: environment).run()
                #expect(full.status == 74, "\(full.stderr)")
                #expect(full.stderr.contains("No space left on device"))

                #expect(try mount(["-o", "remount,size=8m", disk.path]) == 0)
                let resumed = try await Command(arguments: ["run", pipeline.path], environment: environment).run()
                #expect(resumed.status == 0, "\(resumed.stderr)")
                #expect(resumed.stdout.contains("(resumed)"))
                for name in ["media.ndjson", "media.csv"] {
                    let expected = try Data(contentsOf: reference.appendingPathComponent(name))
                    let actual = try Data(contentsOf: disk.appendingPathComponent(name))
                    #expect(expected == actual, "\(name) differs")
                }
            }
        }
    }

    private func pipeline(server: GraphEmulatorServer, output: URL) -> String {
        """
        version: 1
        name: disk
        source:
          api: \(server.baseURL)
          token: ${env:DISK_TOKEN}
        extract:
          media: {page_size: 50}
        transform: [normalize]
        load:
          - ndjson: {path: "\(output.path)/media.ndjson"}
          - csv: {path: "\(output.path)/media.csv"}
        checkpoint: {path: "\(output.path).state/disk.json"}
        """
    }

    private func mount(_ arguments: [String], command: String = "/bin/mount") throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

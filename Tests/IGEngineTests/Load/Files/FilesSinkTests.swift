import Foundation
import TestSupport
import Testing

@testable import IGEngine

/// The archive's manifest as an output: what `finish` hands on to the uploader, and in which order.
struct FilesSinkTests {
    private func config(_ folder: String) -> SinkConfig {
        var config = SinkConfig(format: .files, streams: [.media], path: folder + "/archive/manifest.ndjson")
        config.files.template = folder + "/archive/{id}.{ext}"
        config.files.notes = folder + "/state/files"
        return config
    }

    private func entry(_ id: String) -> ArchivedFile {
        ArchivedFile(
            mediaID: id,
            parentID: nil,
            kind: .media,
            path: id + ".jpg",
            bytes: 3,
            sha256: String(repeating: "0", count: 64),
            contentType: "image/jpeg",
            timestamp: "2025-03-07T23:30:00+0000"
        )
    }

    /// Runs one export that archives `ids` and publishes; returns what `finish` handed on.
    private func publish(_ ids: [String], config: SinkConfig) throws -> (paths: [String], listings: [String]) {
        let sink = try FilesSink(config: config, context: SinkContext(pipeline: "p", runID: "r", date: "2025-03-08"))
        var page = Page(stream: .media, account: "me", records: [])
        page.archived = ids.map(entry)
        try sink.write(page)
        _ = try sink.commit(sync: false)
        return (try sink.finish(), sink.listings)
    }

    @Test func handsOnTheManifestAsAListingAndOnlyTheFilesTheRunAdded() throws {
        try withTemporaryFolder { folder in
            let config = config(folder.path)
            _ = try publish(["1"], config: config)
            let (paths, listings) = try publish(["2"], config: config)
            #expect(paths == [config.path, folder.path + "/archive/2.jpg"])
            #expect(listings == [config.path])
        }
    }

    @Test func aRunThatDiedAfterPublishingTheManifestHandsOnWhatItAddedNotTheWholeArchive() throws {
        try withTemporaryFolder { folder in
            let config = config(folder.path)
            _ = try publish(["1"], config: config)
            _ = try publish(["2", "3"], config: config)
            // The next process finds the manifest published and its partial gone: it resumes the publish.
            let context = SinkContext(pipeline: "p", runID: "r", date: "2025-03-08", published: [config.path])
            let resumed = try FilesSink(config: config, context: context)
            #expect(
                try resumed.finish() == [config.path, folder.path + "/archive/2.jpg", folder.path + "/archive/3.jpg"]
            )
            #expect(resumed.listings == [config.path])
        }
    }
}

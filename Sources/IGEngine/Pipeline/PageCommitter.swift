import IGCore
import IGStorage

/// The one place where outputs and the checkpoint move forward together: every account's transformed pages
/// pass through it one batch at a time.
///
/// A commit writes a batch (a page with the pages derived from it, such as a media page's insights and
/// comments) to the sink set, flushes what it wrote (fsync with `durability: page`), and then the journal records
/// the page's position with the new offsets. A crash before the journal is saved leaves bytes past the committed
/// offsets, which the next run cuts off; a crash after it leaves a page that is wholly committed.
actor PageCommitter {
    private let sinks: SinkSet
    private var journal: RunJournal
    private let syncEveryPage: Bool
    private let clock: any RunClock
    private let monitor: RunMonitor
    /// The catalog, manifest and `_SUCCESS` markers written after the data files.
    private let landing: LandingZone
    /// Uploads the staged `s3://` outputs once they are published locally; `nil` when every output is local.
    private let objects: ObjectPublisher?
    /// The first failure of a commit or publish. The sinks may then hold part of a batch that the journal does
    /// not cover, so nothing may be committed after it: another account's commit would record those bytes.
    private var failure: (any Error)?

    init(
        sinks: SinkSet,
        journal: RunJournal,
        syncEveryPage: Bool,
        clock: any RunClock,
        monitor: RunMonitor,
        landing: LandingZone,
        objects: ObjectPublisher? = nil
    ) {
        self.landing = landing
        self.objects = objects
        self.sinks = sinks
        self.journal = journal
        self.syncEveryPage = syncEveryPage
        self.clock = clock
        self.monitor = monitor
    }

    /// Writes a batch of `key`'s stream, then records `position` as where that stream stands.
    func commit(_ pages: [Page], key: String, position: StreamPosition) throws {
        try failStop {
            try sinks.write(pages)
            let offsets = try sinks.commit(sync: syncEveryPage)
            let statistics = sinks.statistics.filter { offsets[$0.key] != nil }
            var records: [StreamKind: Int] = [:]
            var skipped: [String: Int] = [:]
            for page in pages {
                records[page.stream, default: 0] += page.records.count
                for (reason, count) in page.skipped {
                    skipped["\(page.stream.rawValue)/\(reason)", default: 0] += count
                }
            }
            try journal.record(
                key,
                position: position,
                outputs: offsets,
                records: records,
                skipped: skipped,
                now: clock.now,
                statistics: statistics
            )
            CrashPoint.afterCommit.reach()
        }
        for page in pages { monitor.committed(page) }
    }

    /// Publishes every output and completes the journal; returns the published paths and the run's totals
    /// (records and skips of every process that worked on the run).
    ///
    /// Staged `s3://` outputs are uploaded after the local publish and before the journal completes: the data
    /// files and the catalog, then the manifest, then the `_SUCCESS` markers, so a loader that waits for them
    /// never sees half a run. A publish killed during the uploads is published again by the next run, which the
    /// upload ledger makes skip what was sent.
    func publish() async throws -> (published: [String], totals: RunProgress) {
        let (published, uploads) = try failStop {
            if journal.run.phase != .publishing {
                try journal.beginPublishing(
                    outputs: try sinks.commit(sync: true, all: true),
                    statistics: sinks.statistics
                )
            }
            let published = try sinks.publish()
            let catalog = try landing.publishCatalog()
            // Files an earlier process published (it died while publishing) are known from the journal.
            let statistics = (journal.run.outputStats ?? [:]).merging(sinks.statistics) { $1 }
            let files = Set(journal.run.outputs.keys).union(published).sorted()
            let landed = try landing.publish(
                files: files,
                statistics: statistics,
                runID: journal.run.id,
                date: journal.run.date,
                startedAt: journal.run.startedAt,
                finishedAt: clock.now
            )
            // Listings after what they list, the run's manifest after all data, `_SUCCESS` last of all.
            let listings = sinks.listings
            return (
                published,
                [
                    files.filter { !listings.contains($0) } + catalog,
                    listings.sorted() + (landed.map { [$0.manifest] } ?? []),
                    landed?.markers ?? [],
                ]
            )
        }
        if let objects {
            do {
                try await objects.upload(uploads)
            } catch {
                failure = error
                throw error
            }
        }
        return try failStop {
            let totals = journal.run
            try journal.complete(now: clock.now)
            return (published, totals)
        }
    }

    /// Runs `body`, and after its first failure refuses to run anything else.
    private func failStop<Result>(_ body: () throws -> Result) throws -> Result {
        if let failure { throw failure }
        do {
            return try body()
        } catch {
            failure = error
            throw error
        }
    }
}

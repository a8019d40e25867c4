import Foundation

extension RunProgress {
    /// What a recorded page changed in a run, as one line of the state file's journal (see `StateStore`).
    ///
    /// Counts are totals rather than increments, so applying an entry twice (after a crash between rewriting
    /// the state file and removing its journal) changes nothing; `pages` orders the entries and tells which
    /// ones the state file already holds.
    public struct PageEntry: Codable, Sendable, Equatable {
        /// The run the page belongs to.
        public var run: String
        /// The run's pages after this one (`RunProgress.pages`).
        public var pages: Int
        public var updatedAt: Date
        /// The `account/stream` key and its position after the page.
        public var key: String
        public var position: StreamPosition
        /// The committed offsets of the outputs the page touched.
        public var outputs: [String: UInt64]
        public var outputStats: [String: OutputStats]?
        /// The run's totals after the page.
        public var records: [String: Int]
        public var skipped: [String: Int]?
    }

    /// Applies `entry` when it belongs to this run and is newer than what the run holds.
    mutating func apply(_ entry: PageEntry) {
        guard entry.run == id, entry.pages > pages else { return }
        streams[entry.key] = entry.position
        outputs.merge(entry.outputs) { $1 }
        if let statistics = entry.outputStats { outputStats = (outputStats ?? [:]).merging(statistics) { $1 } }
        records = entry.records
        skipped = entry.skipped
        pages = entry.pages
        updatedAt = entry.updatedAt
    }
}

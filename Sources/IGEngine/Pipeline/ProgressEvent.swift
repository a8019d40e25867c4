import IGGraph

/// What a run reports as it goes, for a progress display: the profile of each account, then every page.
///
/// Requests, retries and waits are not events: they come from each account's `RequestCounters`.
public enum ProgressEvent: Sendable, Equatable {
    /// An account's profile was read; `mediaCount` is its `media_count`, when the API gave one.
    case profile(account: String, mediaCount: Int?)
    /// A page of a stream was committed with `records` records.
    case page(account: String, stream: StreamKind, records: Int)
}

/// Receives a run's progress events, from any task.
public typealias ProgressHandler = @Sendable (ProgressEvent) -> Void

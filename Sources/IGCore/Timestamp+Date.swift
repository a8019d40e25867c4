import Foundation

extension Timestamp {
    /// The instant of `date`, to the millisecond.
    public init(_ date: Date) {
        let interval = date.timeIntervalSince1970
        let seconds = interval.rounded(.down)
        let milliseconds = min(999, Int32(((interval - seconds) * 1000).rounded(.down)))
        self.init(seconds: Int64(seconds), nanoseconds: milliseconds * 1_000_000)
    }

    /// The current instant.
    public static func now() -> Timestamp {
        Timestamp(Date())
    }

    /// The UTC calendar date, `YYYY-MM-DD`: the `{date}` of path templates.
    public var utcDate: String {
        Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day()
            .format(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

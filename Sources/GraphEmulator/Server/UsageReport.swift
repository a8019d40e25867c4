/// What the usage headers say: percentages of the call budget, and the whole minutes until calls are allowed
/// again (rounded down, so 0 while the wait is under a minute).
struct UsageReport: Sendable, Equatable {
    var callCount: Int
    var totalTime: Int
    var totalCPUTime: Int
    var regainMinutes: Int

    init(calls: Int, budget: Int, regainMinutes: Int) {
        callCount = calls * 100 / max(budget, 1)
        totalTime = callCount * 3 / 5
        totalCPUTime = callCount * 2 / 5
        self.regainMinutes = regainMinutes
    }

    /// As a `throttle` fault reports it: everything used up, back in under a minute.
    static let exhausted: UsageReport = {
        var report = UsageReport(calls: 1, budget: 1, regainMinutes: 0)
        report.totalTime = 100
        report.totalCPUTime = 100
        return report
    }()

    /// `X-App-Usage: {"call_count":N,"total_time":N,"total_cputime":N}`.
    var appUsage: String {
        "{\"call_count\":\(callCount),\"total_time\":\(totalTime),\"total_cputime\":\(totalCPUTime)}"
    }

    /// `X-App-Usage` as Instagram Login sends it, `{"call_volume":N,"cpu_time":N}` (reference §5, §11:
    /// restfb/restfb#1571).
    var instagramAppUsage: String {
        "{\"call_volume\":\(callCount),\"cpu_time\":\(totalCPUTime)}"
    }

    /// `X-Business-Use-Case-Usage`, keyed by the IG user id, one row of type `instagram`.
    func businessUseCaseUsage(userID: String) -> String {
        "{\"\(userID)\":[{\"type\":\"instagram\",\"call_count\":\(callCount),\"total_cputime\":\(totalCPUTime),"
            + "\"total_time\":\(totalTime),\"estimated_time_to_regain_access\":\(regainMinutes)}]}"
    }
}

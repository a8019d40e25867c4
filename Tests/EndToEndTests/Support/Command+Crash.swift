import Foundation
import Testing

extension Command {
    /// Runs the command with the crash point `point` armed (`IGEXPORT_CRASH_AT`), and tells whether the run died
    /// there by SIGKILL; a run that ended otherwise is recorded as an issue of the test.
    func runKilled(at point: String) async throws -> Bool {
        var crash = self
        crash.environment["IGEXPORT_CRASH_AT"] = point
        let ending = try await crash.runToEnd()
        guard ending.reason == .uncaughtSignal, ending.status == SIGKILL else {
            Issue.record("the run ended with status \(ending.status) before \(point)")
            return false
        }
        return true
    }
}

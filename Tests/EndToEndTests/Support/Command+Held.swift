import Foundation
import TestSupport

extension Command {
    /// Runs the command until its request reaches `gate`, where the scripted server holds it: the run is then
    /// under way, holding its locks, and cannot end. Runs `during` at that moment, with the run's process id,
    /// then opens the gate and waits for the command to end. Every step waits for an event (the request's
    /// arrival, the process's exit), never for a time, so the overlap is the same however fast the machine is.
    func runHeld<Value: Sendable>(
        at gate: ScriptedServer.Gate,
        during: @escaping @Sendable (Int32) throws -> Value
    ) async throws -> (during: Value, held: Result) {
        try await detached {
            // A run that ends without reaching the gate (a failure) must still wake the wait below.
            let (process, stdout, stderr) = try start(onExit: { gate.arrive() })
            gate.waitForArrival()
            let value = Swift.Result { try during(process.processIdentifier) }
            gate.open()
            let output = stdout.fileHandleForReading.readDataToEndOfFile()
            let errors = stderr.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let held = Result(
                status: process.terminationStatus,
                stdout: String(decoding: output, as: UTF8.self),
                stderr: String(decoding: errors, as: UTF8.self)
            )
            return (try value.get(), held)
        }
    }
}

extension ScriptedServer.Response {
    /// What a run of a media pipeline asks for: the profile (every run reads it first), then `count` media
    /// records (at most 28 × 24) as Graph pages of `pageSize`, newest first, each page but the last with a cursor
    /// to the next. The media page at `heldPage` waits at `gate`; a run commits each page before it asks for the
    /// next, so when that request arrives the run has committed a page and holds its outputs.
    static func mediaPages(_ count: Int, pageSize: Int, heldPage: Int, at gate: ScriptedServer.Gate) -> [Self] {
        let profile = Self.json(#"{"user_id":"17841400000000001","username":"held","media_count":\#(count)}"#)
        return [profile]
            + stride(from: 0, to: count, by: pageSize).enumerated().map { page, first in
                let records = (first..<min(first + pageSize, count)).map { index in
                    let day = 28 - index / 24
                    let hour = 23 - index % 24
                    let timestamp = "2025-02-\(day < 10 ? "0" : "")\(day)T\(hour < 10 ? "0" : "")\(hour):00:00+0000"
                    return #"{"id":"\#(17_900_000_000_000_000 + index)","caption":"media \#(index)","#
                        + #""timestamp":"\#(timestamp)"}"#
                }
                let after = "C\(page + 1)"
                let paging =
                    first + pageSize < count
                    ? #","paging":{"cursors":{"after":"\#(after)"},"next":"https://graph.instagram.com/v23.0/me/media?after=\#(after)"}"#
                    : ""
                var response = Self.json(#"{"data":[\#(records.joined(separator: ","))]\#(paging)}"#)
                if page == heldPage { response.gate = gate }
                return response
            }
    }
}

import Foundation
import Testing

@testable import IGCore
@testable import IGEngine
@testable import IGGraph
@testable import IGOps

@Suite struct ProgressReporterTests {
    final class Screen: @unchecked Sendable {
        private let lock = NSLock()
        private var written: [String] = []

        var frames: [String] {
            lock.lock()
            defer { lock.unlock() }
            return written
        }

        func write(_ text: String) {
            lock.lock()
            defer { lock.unlock() }
            written.append(text)
        }
    }

    static func feed(_ reporter: ProgressReporter) {
        reporter.handle(.profile(account: "me", mediaCount: 400))
        reporter.handle(.page(account: "me", stream: .profile, records: 1))
        reporter.handle(.page(account: "me", stream: .media, records: 100))
    }

    @Test func aTerminalGetsALineRedrawnInPlaceWithRateAndETA() throws {
        let screen = Screen()
        let reporter = ProgressReporter(isTerminal: true, write: screen.write)
        let counters = reporter.counters(for: "me")
        counters.update {
            $0.requests = 3
            $0.retries = 1
            $0.throttleWaited = .seconds(2)
        }
        Self.feed(reporter)
        reporter.redraw(now: Date().addingTimeInterval(1))

        let frame = try #require(screen.frames.last)
        #expect(frame.hasPrefix("\r\u{1B}[K"))
        #expect(frame.contains("me: profile 1 (1p) · media 100/400 (1p)"))
        #expect(frame.contains("3 req · 1 retries · throttled 2s"))
        #expect(frame.contains("rec/s"))
        #expect(frame.contains("ETA "))
        #expect(!frame.contains("\n"))
    }

    @Test func redrawsAreThrottledToTenASecond() {
        let screen = Screen()
        let reporter = ProgressReporter(isTerminal: true, write: screen.write)
        Self.feed(reporter)
        let now = Date()
        reporter.redraw(now: now)
        reporter.redraw(now: now.addingTimeInterval(0.05))
        #expect(screen.frames.count == 1)
        reporter.redraw(now: now.addingTimeInterval(0.15))
        #expect(screen.frames.count == 2)
    }

    @Test func severalAccountsGetOneLineEachAndTheCursorGoesBackUp() {
        let screen = Screen()
        let reporter = ProgressReporter(isTerminal: true, write: screen.write)
        Self.feed(reporter)
        reporter.handle(.page(account: "17841400000000002", stream: .media, records: 50))
        let now = Date()
        reporter.redraw(now: now)
        reporter.redraw(now: now.addingTimeInterval(0.2))
        #expect(screen.frames.first?.split(separator: "\n").count == 2)
        #expect(screen.frames.last?.hasPrefix("\u{1B}[1A\r\u{1B}[K") == true)
        reporter.finish()
        #expect(screen.frames.last == "\r\u{1B}[K\u{1B}[1A\r\u{1B}[K")
    }

    @Test func nothingIsDrawnWhenStderrIsNotATerminalButTheFiguresAreKept() {
        let screen = Screen()
        let reporter = ProgressReporter(isTerminal: false, write: screen.write)
        reporter.counters(for: "me").update { $0.requests = 4 }
        Self.feed(reporter)
        reporter.redraw(now: Date().addingTimeInterval(5))
        reporter.finish()
        #expect(screen.frames.isEmpty)
        #expect(reporter.records == [.profile: 1, .media: 100])
        #expect(reporter.statistics.requests == 4)
    }
}

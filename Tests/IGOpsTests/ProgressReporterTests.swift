import Foundation
import TestSupport
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

    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    static func feed(_ monitor: RunMonitor) {
        monitor.profileRead(account: "me", mediaCount: 400)
        monitor.committed(Page(stream: .profile, account: "me", records: [[:]]))
        monitor.committed(Page(stream: .media, account: "me", records: Array(repeating: [:], count: 100)))
    }

    static func reporter(_ screen: Screen, isTerminal: Bool = true) -> (ProgressReporter, RunMonitor) {
        let monitor = RunMonitor(clock: ManualClock(start: start))
        return (ProgressReporter(monitor: monitor, isTerminal: isTerminal, write: screen.write), monitor)
    }

    @Test func aTerminalGetsALineRedrawnInPlaceWithRateAndETA() throws {
        let screen = Screen()
        let (reporter, monitor) = Self.reporter(screen)
        let counters = monitor.counters(for: "me")
        counters.update {
            $0.requests = 3
            $0.retries = 1
            $0.throttleWaited = .seconds(2)
        }
        Self.feed(monitor)
        reporter.redraw(now: Self.start.addingTimeInterval(1))

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
        let (reporter, monitor) = Self.reporter(screen)
        Self.feed(monitor)
        let now = Self.start
        reporter.redraw(now: now)
        reporter.redraw(now: now.addingTimeInterval(0.05))
        #expect(screen.frames.count == 1)
        reporter.redraw(now: now.addingTimeInterval(0.15))
        #expect(screen.frames.count == 2)
    }

    @Test func severalAccountsGetOneLineEachAndTheCursorGoesBackUp() {
        let screen = Screen()
        let (reporter, monitor) = Self.reporter(screen)
        Self.feed(monitor)
        monitor.committed(Page(stream: .media, account: "17841400000000002", records: Array(repeating: [:], count: 50)))
        let now = Self.start
        reporter.redraw(now: now)
        reporter.redraw(now: now.addingTimeInterval(0.2))
        #expect(screen.frames.first?.split(separator: "\n").count == 2)
        #expect(screen.frames.last?.hasPrefix("\u{1B}[1A\r\u{1B}[K") == true)
        reporter.finish()
        #expect(screen.frames.last == "\r\u{1B}[K\u{1B}[1A\r\u{1B}[K")
    }

    @Test func nothingIsDrawnWhenStderrIsNotATerminalButTheFiguresAreKept() {
        let screen = Screen()
        let (reporter, monitor) = Self.reporter(screen, isTerminal: false)
        monitor.counters(for: "me").update { $0.requests = 4 }
        Self.feed(monitor)
        reporter.redraw(now: Self.start.addingTimeInterval(5))
        reporter.finish()
        #expect(screen.frames.isEmpty)
        #expect(monitor.statistics.records == [.profile: 1, .media: 100])
        #expect(monitor.statistics.requests == 4)
    }
}

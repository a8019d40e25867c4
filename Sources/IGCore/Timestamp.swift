/// An instant in UTC, parsed from the forms Graph and pipeline files use, and printed as RFC 3339 or RFC 822.
///
/// Parsing and printing work on bytes with civil-calendar arithmetic rather than `DateFormatter`, because
/// every media record carries a timestamp and formatters are slow and locale-dependent.
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64
    /// The fraction of the second, in nanoseconds (0 to 999,999,999).
    public var nanoseconds: Int32

    /// Creates an instant.
    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// Parses `YYYY-MM-DD`, or a date and time `YYYY-MM-DDTHH:MM[:SS][.fraction][zone]` where the separator is
    /// `T` or a space and the zone is `Z`, `+HHMM`, `+HH:MM` or `+HH` (Graph sends `+0000`); no zone means UTC.
    /// Returns `nil` for anything else, and for an instant whose UTC year falls outside 0000...9999
    /// (`9999-12-31T23:59:59-2359`): four-digit years cannot print it, and it must not wrap to year 0.
    public init?(parsing text: String) {
        var copy = text
        guard let parsed = copy.withUTF8({ Timestamp.parse($0) }) else { return nil }
        self = parsed
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    /// RFC 3339 in UTC with `Z`: `2025-03-01T12:34:56Z`, with a fraction (trailing zeros cut) when there is one.
    public var rfc3339: String {
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let (year, month, day) = Timestamp.civil(fromDays: days)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(30)
        Timestamp.appendDigits(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        Timestamp.appendDigits(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        Timestamp.appendDigits(day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        Timestamp.appendTime(secondOfDay, to: &bytes)
        if nanoseconds > 0 {
            var fraction = Int64(nanoseconds)
            var width = 9
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            bytes.append(UInt8(ascii: "."))
            Timestamp.appendDigits(fraction, width: width, to: &bytes)
        }
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// RFC 822 with a four-digit year and a numeric zone, as RSS wants: `Sat, 01 Mar 2025 12:34:56 +0000`.
    public var rfc822: String {
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let (year, month, day) = Timestamp.civil(fromDays: days)
        // 1970-01-01 was a Thursday.
        let weekday = Int((days % 7 + 7 + 4) % 7)
        var bytes: [UInt8] = Array(Timestamp.weekdays[weekday].utf8)
        bytes.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")])
        Timestamp.appendDigits(day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: Timestamp.months[Int(month) - 1].utf8)
        bytes.append(UInt8(ascii: " "))
        Timestamp.appendDigits(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        Timestamp.appendTime(secondOfDay, to: &bytes)
        bytes.append(contentsOf: " +0000".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        var cursor = 0
        func number(_ width: Int) -> Int64? {
            guard cursor + width <= bytes.count else { return nil }
            var value: Int64 = 0
            for index in cursor..<(cursor + width) {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
            }
            cursor += width
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard cursor < bytes.count, bytes[cursor] == byte else { return false }
            cursor += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
            let day = number(2), (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        if cursor == bytes.count {
            return Timestamp(seconds: days * 86_400)
        }
        guard expect(UInt8(ascii: "T")) || expect(UInt8(ascii: " ")), let hour = number(2), hour < 24,
            expect(UInt8(ascii: ":")), let minute = number(2), minute < 60
        else { return nil }
        var second: Int64 = 0
        if expect(UInt8(ascii: ":")) {
            guard let value = number(2), value <= 60 else { return nil }
            second = min(value, 59)
        }
        var nanoseconds: Int64 = 0
        if expect(UInt8(ascii: ".")) {
            var digits = 0
            while cursor < bytes.count, bytes[cursor] &- UInt8(ascii: "0") < 10 {
                if digits < 9 { nanoseconds = nanoseconds * 10 + Int64(bytes[cursor] &- UInt8(ascii: "0")) }
                digits += 1
                cursor += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 9) { nanoseconds *= 10 }
        }
        var offset: Int64 = 0
        if cursor < bytes.count {
            if expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) {
                offset = 0
            } else {
                let sign: Int64
                if expect(UInt8(ascii: "+")) {
                    sign = 1
                } else if expect(UInt8(ascii: "-")) {
                    sign = -1
                } else {
                    return nil
                }
                guard let hours = number(2), hours < 24 else { return nil }
                var minutes: Int64 = 0
                if cursor < bytes.count {
                    _ = expect(UInt8(ascii: ":"))
                    guard let value = number(2), value < 60 else { return nil }
                    minutes = value
                }
                offset = sign * (hours * 3600 + minutes * 60)
            }
        }
        guard cursor == bytes.count else { return nil }
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        guard representable.contains(seconds) else { return nil }
        return Timestamp(seconds: seconds, nanoseconds: Int32(nanoseconds))
    }

    /// The seconds of years 0000 through 9999 in UTC, the instants RFC 3339 can write.
    private static let representable: Range<Int64> =
        daysFromCivil(year: 0, month: 1, day: 1) * 86_400..<daysFromCivil(year: 10_000, month: 1, day: 1) * 86_400

    private static func isLeap(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    private static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func appendTime(_ secondOfDay: Int64, to bytes: inout [UInt8]) {
        appendDigits(secondOfDay / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, width: 2, to: &bytes)
    }

    private static func appendDigits(_ value: Int64, width: Int, to bytes: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}

extension Int64 {
    /// Division rounding towards negative infinity, with a remainder that is never negative.
    fileprivate func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = self / divisor
        let remainder = self % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}

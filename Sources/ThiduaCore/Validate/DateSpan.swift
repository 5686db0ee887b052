import Foundation

/// The days a record date covers, as day numbers (days since 1970-01-01), for
/// the date checks. A VnDate object gives its `start`/`end`; a plain string
/// may be an ISO day, month or year ("2023-05-30", "2023-05", "2023").
/// Anything else (a recurrence "XXXX-12-15", a blank year) has no span and
/// the check skips it: a rule never guesses a date.
struct DateSpan: Sendable, Equatable {
    var start: Int
    var end: Int

    init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    init?(_ value: JSONValue) {
        switch value {
        case .object:
            guard let s = value["start"]?.stringValue.flatMap(DateSpan.init(iso:)),
                  let e = value["end"]?.stringValue.flatMap(DateSpan.init(iso:)) else { return nil }
            self.init(start: s.start, end: e.end)
        case let .string(text):
            if let span = DateSpan(iso: text) { self = span; return }
            // An EDTF interval "2024-10-01/2025-09-30".
            let sides = text.split(separator: "/", omittingEmptySubsequences: false)
            guard sides.count == 2, let a = DateSpan(iso: String(sides[0])), let b = DateSpan(iso: String(sides[1]))
            else { return nil }
            self.init(start: a.start, end: b.end)
        case let .int(year):
            guard (1...9999).contains(year) else { return nil }
            self.init(start: DateSpan.day(year, 1, 1), end: DateSpan.day(year, 12, 31))
        default:
            return nil
        }
    }

    /// "YYYY-MM-DD", "YYYY-MM" or "YYYY" on the calendar; nil otherwise.
    init?(iso text: String) {
        // Read on the bytes: this runs for every date of every record.
        var utf8 = text.utf8.makeIterator()
        func digits(_ n: Int) -> Int? {
            var v = 0
            for _ in 0..<n {
                guard let b = utf8.next(), b >= 0x30, b <= 0x39 else { return nil }
                v = v * 10 + Int(b - 0x30)
            }
            return v
        }
        guard let y = digits(4) else { return nil }
        guard let sep1 = utf8.next() else {
            self.init(start: DateSpan.day(y, 1, 1), end: DateSpan.day(y, 12, 31))
            return
        }
        guard sep1 == 0x2D, let m = digits(2), (1...12).contains(m) else { return nil }
        let last = DateSpan.daysIn(y, m)
        guard let sep2 = utf8.next() else {
            self.init(start: DateSpan.day(y, m, 1), end: DateSpan.day(y, m, last))
            return
        }
        guard sep2 == 0x2D, let d = digits(2), (1...last).contains(d), utf8.next() == nil else { return nil }
        let n = DateSpan.day(y, m, d)
        self.init(start: n, end: n)
    }

    /// The year both ends share, if they share one.
    var year: Int? {
        let a = DateSpan.civil(start).year, b = DateSpan.civil(end).year
        return a == b ? a : nil
    }

    static func daysIn(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
    static func day(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(_ n: Int) -> (year: Int, month: Int, day: Int) {
        let z = n + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

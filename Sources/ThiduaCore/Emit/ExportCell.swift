/// One cell of an exported table: CSV writes every kind as text, XLSX keeps numbers
/// as numbers and days as dates.
public enum ExportCell: Sendable, Equatable {
    case text(String)
    case number(Int)
    /// A whole day, ISO `YYYY-MM-DD`; anything else (an EDTF value with blank parts) is text.
    case date(String)
    case empty

    /// A list inside one cell: one item per line, since names themselves hold ";" and ",".
    public static func list(_ items: [String]) -> ExportCell { items.isEmpty ? .empty : .text(items.joined(separator: "\n")) }

    public static func text(_ s: String?) -> ExportCell { s.map { ExportCell.text($0) } ?? .empty }

    /// A day when `s` is a full ISO date, else the text itself.
    public static func day(_ s: String?) -> ExportCell {
        guard let s else { return .empty }
        return ISODay(s) != nil ? .date(s) : .text(s)
    }

    public var text: String {
        switch self {
        case let .text(s), let .date(s): return s
        case let .number(n): return String(n)
        case .empty: return ""
        }
    }
}

/// A calendar day read from `YYYY-MM-DD`, nil for anything that is not a real day
/// (2023-02-31, 2023-13-01, 2024-09-XX).
public struct ISODay: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(_ s: String) {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r {
                guard (48...57).contains(u[i]) else { return nil }
                n = n * 10 + Int(u[i] - 48)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), (1...12).contains(m),
            d >= 1, d <= ISODay.days(inMonth: m, year: y)
        else { return nil }
        year = y
        month = m
        day = d
    }

    public static func days(inMonth m: Int, year y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's days_from_civil).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

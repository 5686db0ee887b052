import Foundation

/// Reads Vietnamese date expressions ("ngày 05 tháng 6 năm 2023", "16/11/2021",
/// "Quý IV năm 2021", "giai đoạn 2021 - 2025", "trước ngày 15 tháng 12 hàng năm")
/// into `VnDate` values (RECORD.md, "VnDate").
///
/// Rules the grammar keeps:
/// - A blank part stays blank (`2024-09-XX`); an impossible day is `.invalid`, never coerced.
/// - Numbers inside document numbers and citations are not dates: a date-shaped run touching
///   "/" + letters ("08/2018/TT-BNN"), after "số", or glued to other digits is skipped.
/// - "7/2021" (month/year without "tháng") is read as a month when the month is 1–12.
/// - A day/month without a year ("26/11") and a bare year ("2021") are read in running text only
///   as one end of a range ("Từ 26/11 đến 20/12/2022", "(2021-2025)") or before "hàng năm";
///   `parse` also reads them when they open the text (a table cell "30/5", "2023").
/// - The elided year of a range's first end is the year of its second end ("Từ 26/11 đến
///   20/12/2022" → 2022-11-26/2022-12-20), or the year before if the first end is later in the year.
/// - Every date expression holds a digit: "Quý IV" without a year is not read ("quý 4" is, as
///   `XXXX-36`), nor is "nửa đầu năm" without one.
/// - Recurrence without a day ("định kỳ hàng tháng") is not a date and is left out;
///   "ngày 25 hàng tháng" is `XXXX-XX-25` with recurrence monthly.
/// - Years are plausible in 1800–2100 (not 1900: "19/5/1890", the birth of Hồ Chí Minh, is in
///   many emulation plans).
/// Input is expected in NFC (the Repair stage's output); `parse` normalizes its input itself.
public enum VnDateParser {
    public static let plausibleYears = 1800...2100

    /// Reads the date expression in `text` (a table cell, a header date line, "Trước ngày 30/5/2023").
    /// Returns nil where there is no date expression.
    public static func parse(_ text: String) -> VnDateParse? {
        let nfc = text.precomposedStringWithCanonicalMapping
        return Tokenizer.withBytes(nfc) { p -> VnDateParse? in
            guard Tokenizer.contains(p, where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            var g = DateGrammar(t: Tokenizer.tokenize(p), lenient: false)
            var i = 0
            while i < g.t.count {
                if let hit = g.match(at: i) { return hit.render(p, g.t) }
                i += 1
            }
            // A cell holding only "30/5" or "2023": read leniently where the text opens with it.
            g.lenient = true
            guard let first = g.t.firstIndex(where: { $0.kind != .punct }) else { return nil }
            return g.match(at: first)?.render(p, g.t)
        }
    }

    /// Every date expression in running text, left to right, non-overlapping, each as long as it can be.
    public static func findAll(in text: String) -> [VnDateMatch] {
        Tokenizer.withBytes(text) { p -> [VnDateMatch] in
            guard Tokenizer.contains(p, where: { $0 >= 0x30 && $0 <= 0x39 }) else { return [] }
            let g = DateGrammar(t: Tokenizer.tokenize(p), lenient: false)
            var out: [VnDateMatch] = []
            var i = 0
            while i < g.t.count {
                if let hit = g.match(at: i) {
                    let r = Tokenizer.range(in: text, g.t[hit.first].start, g.t[hit.end - 1].end)
                    out.append(VnDateMatch(range: r, result: hit.render(p, g.t)))
                    i = hit.end
                } else {
                    i += 1
                }
            }
            return out
        }
    }
}

// MARK: - Atoms

/// One date as read, before rendering: a day (any part may be blank), a run of months,
/// of quarters, a half-year, or a year.
struct DateAtom {
    enum Kind: Int { case day, month, quarter, half, year }
    var kind: Kind
    var y: Int?
    var m: Int?
    var d: Int?
    /// Last month of a month list, last quarter of a quarter list.
    var m2: Int?
    var q1 = 0
    var q2 = 0
    var h = 0
    var invalid: String?
    /// A bare form ("26/11", "2021") that only counts when a range or recurrence confirms it.
    var provisional = false

    static func day(_ y: Int?, _ m: Int?, _ d: Int?) -> DateAtom {
        var a = DateAtom(kind: .day, y: y, m: m, d: d)
        a.validate()
        return a
    }

    mutating func validate() {
        invalid = nil
        if let y, !VnDateParser.plausibleYears.contains(y) { invalid = "year \(y) is out of range"; return }
        switch kind {
        case .day:
            if let m, !(1...12).contains(m) { invalid = "month \(m) does not exist"; return }
            if let d, !(1...31).contains(d) { invalid = "day \(d) does not exist"; return }
            if let d, let m {
                let last = y.map { Calendarian.daysIn(month: m, year: $0) } ?? Calendarian.maxDays(month: m)
                if d > last {
                    invalid = y.map { "\(m)/\($0) has no day \(d)" } ?? "month \(m) has no day \(d)"
                }
            }
        case .month:
            for v in [m, m2] { if let v, !(1...12).contains(v) { invalid = "month \(v) does not exist"; return } }
        case .quarter, .half, .year: break
        }
    }

    var precision: VnDate.Precision {
        switch kind {
        case .day: return m == nil ? (y == nil && d != nil ? .day : .year) : (d == nil ? .month : .day)
        case .month: return .month
        case .quarter: return .quarter
        case .half: return .half
        case .year: return .year
        }
    }

    /// EDTF of the first and last unit, and the first and last ISO day (nil without a year).
    func render() -> (first: String, last: String, start: String?, end: String?) {
        let yy = y.map(Calendarian.pad4) ?? "XXXX"
        func iso(_ m: Int, _ d: Int) -> String? { y.map { "\(Calendarian.pad4($0))-\(Calendarian.pad2(m))-\(Calendarian.pad2(d))" } }
        func lastDay(_ m: Int) -> Int { y.map { Calendarian.daysIn(month: m, year: $0) } ?? Calendarian.maxDays(month: m) }
        switch kind {
        case .day:
            let v = "\(yy)-\(m.map(Calendarian.pad2) ?? "XX")-\(d.map(Calendarian.pad2) ?? "XX")"
            if let m, let d { return (v, v, iso(m, d), iso(m, d)) }
            if let m { return (v, v, iso(m, 1), iso(m, lastDay(m))) }
            return (v, v, iso(1, 1), iso(12, 31))
        case .month:
            let a = m ?? 1, b = m2 ?? a
            return ("\(yy)-\(Calendarian.pad2(a))", "\(yy)-\(Calendarian.pad2(b))", iso(a, 1), iso(b, lastDay(b)))
        case .quarter:
            return ("\(yy)-\(32 + q1)", "\(yy)-\(32 + q2)", iso(q1 * 3 - 2, 1), iso(q2 * 3, lastDay(q2 * 3)))
        case .half:
            let v = "\(yy)-\(39 + h)"
            return (v, v, iso(h == 1 ? 1 : 7, 1), iso(h == 1 ? 6 : 12, h == 1 ? 30 : 31))
        case .year:
            return (yy, yy, iso(1, 1), iso(12, 31))
        }
    }

    /// A sort key for "is this end after that start": (year, month, day) with blanks at the extremes.
    var firstKey: (Int, Int, Int) {
        switch kind {
        case .day: return (y ?? 0, m ?? 1, d ?? 1)
        case .month: return (y ?? 0, m ?? 1, 1)
        case .quarter: return (y ?? 0, q1 * 3 - 2, 1)
        case .half: return (y ?? 0, h == 1 ? 1 : 7, 1)
        case .year: return (y ?? 0, 1, 1)
        }
    }

    var lastKey: (Int, Int, Int) {
        switch kind {
        case .day: return (y ?? 0, m ?? 12, d ?? 31)
        case .month: return (y ?? 0, m2 ?? m ?? 12, 31)
        case .quarter: return (y ?? 0, q2 * 3, 31)
        case .half: return (y ?? 0, h == 1 ? 6 : 12, 31)
        case .year: return (y ?? 0, 12, 31)
        }
    }
}

enum Calendarian {
    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: return isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
    static func maxDays(month m: Int) -> Int { m == 2 ? 29 : daysIn(month: m, year: 2001) }
    static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    static func pad4(_ v: Int) -> String {
        let s = String(v)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }
}

// MARK: - Grammar

/// A date expression found at tokens `first..<end`.
struct DateHit {
    var first: Int
    var end: Int
    var a: DateAtom
    var b: DateAtom?
    var relation: VnDate.Relation?
    var recurrence: VnDate.Recurrence?
}

private enum K {
    static let ngay = WordKey("ngày"), thang = WordKey("tháng"), nam = WordKey("năm")
    static let quy = WordKey("quý"), qui = WordKey("quí")
    static let giai = WordKey("giai"), doan = WordKey("đoạn"), thoi = WordKey("thời"), nhiem = WordKey("nhiệm")
    static let ky = WordKey("kỳ"), ki = WordKey("kì")
    static let tu = WordKey("từ"), ke = WordKey("kể"), den = WordKey("đến"), toi = WordKey("tới"), het = WordKey("hết")
    static let truoc = WordKey("trước"), sau = WordKey("sau"), cham = WordKey("chậm"), muon = WordKey("muộn")
    static let nhat = WordKey("nhất"), la = WordKey("là"), vao = WordKey("vào")
    static let hang = WordKey("hàng"), hang2 = WordKey("hằng"), dau = WordKey("đầu"), cuoi = WordKey("cuối")
    static let nua = WordKey("nửa"), sau6 = WordKey("sáu"), va = WordKey("và"), so = WordKey("số"), le = WordKey("lệ")
    static let r1 = WordKey("i"), r2 = WordKey("ii"), r3 = WordKey("iii"), r4 = WordKey("iv")
    /// Words a date expression may open with.
    static let openers: [WordKey] = [ngay, thang, nam, quy, qui, giai, thoi, nhiem, tu, ke, den, toi, truoc, sau,
                                        cham, muon, nua, sau6]
}

struct DateGrammar {
    var t: [Token]
    var lenient: Bool

    struct Context {
        /// After a relation word ("trước", "từ"): a bare numeric date needs no confirmation.
        var prefixed = false
        /// After "giai đoạn", "thời kỳ", or as a range's second end after a year: "2025" alone is a year.
        var bareYear = false
        /// The second end of a range: the dash before it is not a glued prefix.
        var afterDash = false
    }

    // MARK: token tests

    @inline(__always) func word(_ i: Int, _ k: WordKey) -> Bool { i < t.count && t[i].kind == .word && t[i].key == k }
    @inline(__always) func punct(_ i: Int, _ c: UInt32) -> Bool {
        i < t.count && t[i].kind == .punct && t[i].value == Int(c)
    }
    @inline(__always) func isDash(_ i: Int) -> Bool {
        guard i < t.count, t[i].kind == .punct else { return false }
        switch t[i].value { case 0x2D, 0x2010...0x2014: return true; default: return false }
    }
    @inline(__always) func number(_ i: Int, max len: Int) -> Int? {
        i < t.count && t[i].kind == .number && t[i].length <= len ? t[i].value : nil
    }
    @inline(__always) func year(_ i: Int) -> Int? {
        i < t.count && t[i].kind == .number && t[i].length == 4 ? t[i].value : nil
    }
    @inline(__always) func touching(_ i: Int) -> Bool { i < t.count && !t[i].spaced }

    /// Skips the dots, ellipses and underscores a draft leaves in blanks.
    func skipFill(_ i: Int) -> Int {
        var i = i
        while i < t.count, t[i].kind == .punct, t[i].value == 0x2E || t[i].value == 0x2026 || t[i].value == 0x5F { i += 1 }
        return i
    }

    /// True where the number run starting at `i` continues something that is not a date:
    /// digits or a code glued before it ("QH15", "01:2019"), or "số"/"tỷ lệ" in front.
    func badLeft(_ i: Int) -> Bool {
        guard i > 0 else { return false }
        let p = t[i - 1]
        if !t[i].spaced {
            switch p.kind {
            case .number: return true
            case .word: return !(p.key == K.ngay || p.key == K.thang || p.key == K.nam)
            case .punct:
                switch p.value {
                case 0x2F, 0x3A, 0x2E, 0x2D, 0x2B, 0x26, 0x25, 0x5F, 0x2010...0x2014: return true
                default: return false
                }
            }
        }
        return p.kind == .word && (p.key == K.so || p.key == K.le)
    }

    /// True where what follows token `e-1` makes the run part of a number or citation:
    /// "/" + a code or number ("2018/TT-BNN", "2024/QH15"), "-" + a capital, a percent or decimal.
    func badRight(_ e: Int) -> Bool {
        guard e < t.count else { return false }
        let n = t[e]
        guard n.kind == .punct else { return false }
        let next = e + 1 < t.count ? t[e + 1] : nil
        switch n.value {
        case 0x2F: return next.map { $0.kind != .punct && (!$0.spaced || $0.capital) } ?? false
        case 0x2D: return !n.spaced && (next.map { !$0.spaced && $0.kind == .word && $0.capital } ?? false)
        case 0x25: return !n.spaced
        case 0x2E, 0x2C, 0x3A: return !n.spaced && (next.map { !$0.spaced && $0.kind == .number } ?? false)
        default: return false
        }
    }

    // MARK: expressions

    func match(at i: Int) -> DateHit? {
        let tok = t[i]
        if tok.kind == .punct { return nil }
        if tok.kind == .word {
            // Most words cannot open a date: reject them on their first letter before hashing.
            switch tok.key.a & 0xFFFF {
            case 0x6E, 0x74, 0x71, 0x67, 0x6B, 0x111, 0x73, 0x63, 0x6D: break  // n t q g k đ s c m
            default: return nil
            }
            if !K.openers.contains(where: { $0 == tok.key }) { return nil }
        }

        var j = i
        var relation: VnDate.Relation?
        var ctx = Context()
        var intro = false  // "từ": a range may follow
        if word(j, K.truoc) { relation = .before; j += 1 }
        else if (word(j, K.cham) || word(j, K.muon)) && word(j + 1, K.nhat) {
            relation = .by; j += 2
            if punct(j, 0x3A) { j += 1 }
            if word(j, K.la) { j += 1 }
            if word(j, K.vao) { j += 1 }
        }
        else if word(j, K.ke) && word(j + 1, K.tu) { relation = .from; intro = true; j += 2 }
        else if word(j, K.tu) { relation = .from; intro = true; j += 1 }
        else if word(j, K.den) || word(j, K.toi) {
            relation = .until; j += 1
            if word(j, K.het) { j += 1 }
        }
        else if word(j, K.sau) { relation = .after; j += 1 }
        else if (word(j, K.giai) && word(j + 1, K.doan)) || ((word(j, K.thoi) || word(j, K.nhiem))
                    && (word(j + 1, K.ky) || word(j + 1, K.ki))) {
            ctx.bareYear = true; j += 2
            if punct(j, 0x3A) { j += 1 }
        }
        if relation != nil { ctx.prefixed = true }
        if j > i && j < t.count && (t[j].kind == .punct && !punct(j, 0x28)) { return nil }
        let parenBefore = (j > 0 && punct(j - 1, 0x28)) || ctx.bareYear

        guard var (a, k) = core(j, ctx) else { return nil }
        var hit = DateHit(first: i, end: k, a: a, b: nil, relation: relation, recurrence: nil)

        // A range: "A - B", "A đến (hết) B".
        if let (b0, k2) = rangeTail(k, a, intro: intro) {
            var b = b0
            if a.y == nil, let by = b.y, a.kind == .day || a.kind == .month {
                a.y = by
                let ak = a.firstKey, bk = b.lastKey
                if (ak.1, ak.2) > (bk.1, bk.2) { a.y = by - 1 }
                a.validate()
            }
            if a.kind == .year && a.provisional && !parenBefore, let ay = a.y, let by = b.y, by - ay > 30 {
                return nil  // two numbers far apart: quantities, not a period
            }
            a.provisional = false
            b.provisional = false
            hit.a = a
            hit.b = b
            hit.end = k2
            if relation == .from { hit.relation = nil }
            k = k2
        }

        // Recurrence: "ngày 15 tháng 12 hàng năm", "ngày 25 hằng tháng".
        if hit.b == nil, word(k, K.hang) || word(k, K.hang2) {
            if word(k + 1, K.nam), a.y == nil, a.kind == .day || a.kind == .month {
                hit.recurrence = .yearly; hit.end = k + 2; a.provisional = false
            } else if word(k + 1, K.thang), a.kind == .day, a.m == nil, a.y == nil, a.d != nil {
                hit.recurrence = .monthly; hit.end = k + 2; a.provisional = false
            }
            hit.a = a
        }
        if hit.a.provisional && !lenient { return nil }
        if hit.a.kind == .day, hit.a.m == nil, hit.a.y == nil, hit.recurrence == nil { return nil }
        return hit
    }

    /// The second end of a range starting at `k`, if one follows.
    func rangeTail(_ k: Int, _ a: DateAtom, intro: Bool) -> (DateAtom, Int)? {
        var j = k
        var dash = false
        if isDash(j) { dash = true; j += 1 }
        else if word(j, K.den) || word(j, K.toi) {
            j += 1
            if word(j, K.het) { j += 1 }
        } else { return nil }
        let ctx = Context(prefixed: true, bareYear: a.kind == .year, afterDash: dash)
        guard let (b, e) = core(j, ctx), !b.provisional else { return nil }
        if dash && b.kind != a.kind { return nil }
        if dash && b.kind == .day && (b.m == nil || b.d == nil) { return nil }
        if a.y != nil, b.y != nil, b.lastKey < a.firstKey { return nil }
        if a.y == nil && b.y == nil && !intro { return nil }
        return (b, e)
    }

    /// One date at `j`, without relation words.
    func core(_ j: Int, _ ctx: Context) -> (DateAtom, Int)? {
        guard j < t.count else { return nil }
        let tok = t[j]
        if tok.kind == .word {
            if tok.key == K.ngay { return dayAfterNgay(j + 1) }
            if tok.key == K.thang { return months(j + 1) }
            if tok.key == K.quy || tok.key == K.qui { return quarters(j + 1) }
            if tok.key == K.nam {
                guard let y = year(j + 1), VnDateParser.plausibleYears.contains(y), !badRight(j + 2) else { return nil }
                return (DateAtom(kind: .year, y: y), j + 2)
            }
            if tok.key == K.nua { return half(j + 1, needsYear: true) }
            if tok.key == K.sau6, word(j + 1, K.thang) { return half(j + 2, needsYear: true) }
            return nil
        }
        guard tok.kind == .number else { return nil }
        // "06 tháng đầu năm 2023"
        if tok.length <= 2, tok.value == 6, word(j + 1, K.thang), word(j + 2, K.dau) || word(j + 2, K.cuoi) {
            return half(j + 2, needsYear: false)
        }
        if !(ctx.afterDash && isDash(j - 1)) && badLeft(j) { return nil }
        // "16/11/2021", "16-11-2021", "26/11"
        if let d = number(j, max: 2), j + 2 < t.count, t[j + 1].kind == .punct {
            let sep = t[j + 1].value
            let slash = sep == 0x2F
            if (slash || ((sep == 0x2D || sep == 0x2E) && touching(j + 1) && touching(j + 2))),
               let m = number(j + 2, max: 2) {
                if punct(j + 3, UInt32(sep)), slash || (touching(j + 3) && touching(j + 4)) {
                    guard let y = year(j + 4), VnDateParser.plausibleYears.contains(y), !badRight(j + 5) else { return nil }
                    return (.day(y, m, d), j + 5)
                }
                guard slash, !badRight(j + 3), !(j + 3 < t.count && t[j + 3].kind == .number) else { return nil }
                var a = DateAtom.day(nil, m, d)
                if a.invalid != nil { return nil }  // "15/19 tiêu chí" is a ratio, not a day
                a.provisional = !lenient
                return (a, j + 3)
            }
            // "7/2021"
            if slash, let m = number(j, max: 2), let y = year(j + 2), (1...12).contains(m),
               VnDateParser.plausibleYears.contains(y), !badRight(j + 3) {
                return (DateAtom(kind: .month, y: y, m: m), j + 3)
            }
        }
        // "05 tháng 6 năm 2023" without "ngày": only with every part present.
        if let d = number(j, max: 2), word(j + 1, K.thang), let m = number(j + 2, max: 2), word(j + 3, K.nam),
           let y = year(j + 4) {
            return (.day(y, m, d), j + 5)
        }
        // A bare year.
        if let y = year(j), VnDateParser.plausibleYears.contains(y), !badRight(j + 1) {
            var a = DateAtom(kind: .year, y: y)
            a.provisional = !(ctx.bareYear || lenient)
            if a.provisional, !(isDash(j + 1) && year(j + 2) != nil) { return nil }
            return (a, j + 1)
        }
        return nil
    }

    /// After "ngày": "16/11/2021", "16 tháng 11 năm 2021", blanks "   tháng 9 năm 2024", "25" (+ hằng tháng).
    func dayAfterNgay(_ k0: Int) -> (DateAtom, Int)? {
        var k = skipFill(k0)
        if let d = number(k, max: 2), k + 2 < t.count, t[k + 1].kind == .punct {
            let sep = t[k + 1].value
            if sep == 0x2F || sep == 0x2E || isDash(k + 1), let m = number(k + 2, max: 2) {
                if punct(k + 3, UInt32(sep)) {
                    guard let y = year(k + 4), !badRight(k + 5) else { return nil }
                    return (.day(y, m, d), k + 5)
                }
                if t.count > k + 3, t[k + 3].kind == .number { return nil }
                if badRight(k + 3) { return nil }
                return (.day(nil, m, d), k + 3)
            }
        }
        // Spelled, with blanks.
        var d: Int?
        if let v = number(k, max: 2) { d = v; k = skipFill(k + 1) }
        guard word(k, K.thang) else {
            if let d, word(k, K.hang) || word(k, K.hang2) { return (.day(nil, nil, d), k) }
            return nil
        }
        var end = k + 1
        k = skipFill(k + 1)
        var m: Int?
        if let v = number(k, max: 2) { m = v; end = k + 1; k = skipFill(k + 1) }
        var y: Int?
        if word(k, K.nam) {
            let after = skipFill(k + 1)
            if let v = year(after) { y = v; end = after + 1 }
        }
        if d == nil && m == nil && y == nil { return nil }
        return (.day(y, m, d), end)
    }

    /// After "tháng": "12/2023", "7 năm 2021", "10, 11 năm 2024", "7 - 9/2024", "7".
    func months(_ k0: Int) -> (DateAtom, Int)? {
        guard let m1 = number(k0, max: 2) else { return nil }
        var k = k0 + 1
        var m2 = m1
        while true {
            var j = k
            if punct(j, 0x2C) || word(j, K.va) { j += 1 }
            else if isDash(j) { if year(j + 1) != nil { break }; j += 1 }
            else { break }
            if word(j, K.thang) { j += 1 }
            guard let v = number(j, max: 2), v > m2 else { break }
            m2 = v
            k = j + 1
        }
        var y: Int?
        if punct(k, 0x2F) || isDash(k) || word(k, K.nam), let v = year(k + 1) {
            if badRight(k + 2) { return nil }
            y = v
            k += 2
        }
        var a = DateAtom(kind: .month, y: y, m: m1, m2: m2)
        a.validate()
        return (a, k)
    }

    /// After "quý": "IV năm 2021", "I, II năm 2025", "1/2024", "III và quý IV".
    func quarters(_ k0: Int) -> (DateAtom, Int)? {
        func q(_ i: Int) -> Int? {
            guard i < t.count else { return nil }
            if t[i].kind == .number { return t[i].length == 1 && (1...4).contains(t[i].value) ? t[i].value : nil }
            if t[i].kind == .word {
                switch t[i].key {
                case K.r1: return 1
                case K.r2: return 2
                case K.r3: return 3
                case K.r4: return 4
                default: return nil
                }
            }
            return nil
        }
        guard let q1 = q(k0) else { return nil }
        var k = k0 + 1
        var q2 = q1
        while true {
            var j = k
            if punct(j, 0x2C) || word(j, K.va) || isDash(j) { j += 1 } else { break }
            if word(j, K.quy) || word(j, K.qui) { j += 1 }
            guard let v = q(j), v > q2 else { break }
            q2 = v
            k = j + 1
        }
        var y: Int?
        if punct(k, 0x2F) || isDash(k) || word(k, K.nam), let v = year(k + 1) {
            guard VnDateParser.plausibleYears.contains(v), !badRight(k + 2) else { return nil }
            y = v
            k += 2
        }
        // Every date expression holds a digit (the scan skips text without one): "Quý IV" alone is not read.
        if y == nil && t[k0].kind != .number { return nil }
        return (DateAtom(kind: .quarter, y: y, q1: q1, q2: q2), k)
    }

    /// At "đầu"/"cuối" (after "6 tháng", "sáu tháng", "nửa"): "đầu năm 2023".
    func half(_ k: Int, needsYear: Bool) -> (DateAtom, Int)? {
        let h: Int
        if word(k, K.dau) { h = 1 } else if word(k, K.cuoi) { h = 2 } else { return nil }
        guard word(k + 1, K.nam) else { return nil }
        if let y = year(k + 2), VnDateParser.plausibleYears.contains(y), !badRight(k + 3) {
            return (DateAtom(kind: .half, y: y, h: h), k + 3)
        }
        return needsYear ? nil : (DateAtom(kind: .half, y: nil, h: h), k + 2)
    }
}

extension DateHit {
    func render(_ p: UnsafeBufferPointer<UInt8>, _ t: [Token]) -> VnDateParse {
        let text = Tokenizer.string(p, t[first].start, t[end - 1].end)
        if let r = a.invalid ?? b?.invalid { return .invalid(text: text, reason: r) }
        let ra = a.render()
        var value = ra.first == ra.last ? ra.first : "\(ra.first)/\(ra.last)"
        var start = ra.start, end = ra.end
        var precision = a.precision
        if let b {
            let rb = b.render()
            value = "\(ra.first)/\(rb.last)"
            end = rb.end
            if start == nil || end == nil { start = nil; end = nil }
            let order: [VnDate.Precision] = [.day, .month, .quarter, .half, .year]
            precision = order[max(order.firstIndex(of: precision)!, order.firstIndex(of: b.precision)!)]
        }
        return .date(VnDate(text: text, value: value, start: start, end: end, precision: precision,
                            relation: relation, recurrence: recurrence))
    }
}

import Foundation
import Testing
@testable import ThiduaCore

/// A seeded generator, so a failure names a case that can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct VnDatePropertyTests {
    static func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    static func daysIn(_ m: Int, _ y: Int) -> Int {
        // Written out independently of the parser's calendar.
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }

    /// The Vietnamese ways of writing one day.
    static func forms(_ d: Int, _ m: Int, _ y: Int) -> [String] {
        ["\(d)/\(m)/\(y)", "\(pad(d))/\(pad(m))/\(y)", "ngày \(d)/\(m)/\(y)", "ngày \(pad(d))/\(pad(m))/\(y)",
         "ngày \(d) tháng \(m) năm \(y)", "ngày \(pad(d)) tháng \(pad(m)) năm \(y)", "Ngày  \(d)  tháng \(m) năm  \(y)",
         "\(pad(d))-\(pad(m))-\(y)", "\(d).\(m).\(y)"]
    }

    @Test func validDatesNormalizeBackToThemselves() {
        var rng = SplitMix64(state: 2023)
        for _ in 0..<2000 {
            let y = Int.random(in: 1900...2100, using: &rng)
            let m = Int.random(in: 1...12, using: &rng)
            let d = Int.random(in: 1...Self.daysIn(m, y), using: &rng)
            let iso = "\(y)-\(Self.pad(m))-\(Self.pad(d))"
            for form in Self.forms(d, m, y) {
                let got = VnDateParser.parse(form)?.date
                #expect(got?.value == iso && got?.start == iso && got?.end == iso && got?.precision == .day, "\(form)")
                let prose = "Báo cáo gửi về Sở \(form), trân trọng."
                let found = VnDateParser.findAll(in: prose)
                #expect(found.count == 1 && found.first?.result.date?.value == iso, "\(prose)")
                #expect(found.first.map { String(prose[$0.range]) } == form, "\(prose)")
            }
        }
    }

    @Test func impossibleDatesAreNeverCoerced() {
        var rng = SplitMix64(state: 30_2)
        var checked = 0
        while checked < 2000 {
            let y = Int.random(in: 1900...2100, using: &rng)
            var m = Int.random(in: 1...12, using: &rng)
            var d: Int
            switch Int.random(in: 0..<3, using: &rng) {
            case 0:  // a day past the month's end (29–31 where the month is shorter)
                let last = Self.daysIn(m, y)
                guard last < 31 else { continue }
                d = Int.random(in: (last + 1)...31, using: &rng)
            case 1:  // no such day
                d = Int.random(in: 32...99, using: &rng)
            default:  // no such month
                d = Int.random(in: 1...28, using: &rng)
                m = Int.random(in: 13...99, using: &rng)
            }
            for form in Self.forms(d, m, y) {
                guard case .invalid? = VnDateParser.parse(form) else {
                    Issue.record("\(form) → \(String(describing: VnDateParser.parse(form)))")
                    continue
                }
            }
            checked += 1
        }
    }

    @Test func blankPartsAreNeverFilled() {
        var rng = SplitMix64(state: 9)
        let gaps = ["   ", "        ", " ... ", " …… ", " _____ "]
        for _ in 0..<500 {
            let y = Int.random(in: 1900...2100, using: &rng)
            let m = Int.random(in: 1...12, using: &rng)
            let g1 = gaps.randomElement(using: &rng)!, g2 = gaps.randomElement(using: &rng)!
            let monthOnly = VnDateParser.parse("Hà Nội, ngày\(g1)tháng \(m) năm \(y)")?.date
            #expect(monthOnly?.value == "\(y)-\(Self.pad(m))-XX")
            #expect(monthOnly?.precision == .month)
            #expect(monthOnly?.start == "\(y)-\(Self.pad(m))-01")
            #expect(monthOnly?.end == "\(y)-\(Self.pad(m))-\(Self.daysIn(m, y))")
            let yearOnly = VnDateParser.parse("ngày\(g1)tháng\(g2)năm \(y)")?.date
            #expect(yearOnly?.value == "\(y)-XX-XX")
            #expect(yearOnly?.precision == .year)
            #expect(yearOnly?.start == "\(y)-01-01" && yearOnly?.end == "\(y)-12-31")
            let d = Int.random(in: 1...28, using: &rng)
            let noYear = VnDateParser.parse("ngày \(d) tháng \(m) hằng năm")?.date
            #expect(noYear?.value == "XXXX-\(Self.pad(m))-\(Self.pad(d))" && noYear?.start == nil && noYear?.end == nil)
        }
    }

    /// The header lines of the benchmark corpus against its manifest's truth (skipped without it).
    @Test func benchmarkHeaderLines() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/bench/corpus-1000/manifest.jsonl").standardized
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("rules")
        let kinds = try Lexicon.load(from: root).kindCodes
        var lines = 0
        for line in text.split(separator: "\n") {
            guard case let .object(pairs) = try JSONValue.parse(String(line)),
                  case let .object(truth)? = pairs.first(where: { $0.0 == "truth" })?.1 else { continue }
            func str(_ k: String) -> String? { if case let .string(s)? = truth.first(where: { $0.0 == k })?.1 { return s }; return nil }
            guard let dateLine = str("date_line"), let numberLine = str("number_line"), let symbol = str("symbol") else { continue }
            lines += 1
            let date = VnDateParser.parse(dateLine)?.date
            if let iso = str("date_iso") {
                #expect(date?.value == iso, "\(dateLine)")
            } else {
                #expect(date?.value.hasSuffix("-XX") == true && date?.precision == .month, "\(dateLine)")
            }
            let n = DocNumberParser.parse(numberLine, kindCodes: kinds)
            let serial = str("number").flatMap { $0.isEmpty ? nil : $0 }
            #expect(n?.serial == serial, "\(numberLine)")
            #expect(n?.canonical == "\(serial ?? "")/\(symbol)", "\(numberLine)")
        }
        #expect(lines > 0)
    }
}

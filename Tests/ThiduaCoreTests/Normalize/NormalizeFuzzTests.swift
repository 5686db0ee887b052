import Foundation
import Testing
@testable import ThiduaCore

/// Token soup built from the pieces real text is made of: every match must be well placed,
/// and reading a match's own text again must give the same value.
@Suite struct NormalizeFuzzTests {
    static let pieces = [
        "ngày", "Ngày", "tháng", "THÁNG", "năm", "quý", "Quý", "I", "IV", "II", "hàng", "hằng", "trước", "từ", "đến", "hết",
        "chậm nhất", "sau", "giai đoạn", "đầu", "cuối", "6", "06", "12", "31", "29", "2", "7", "2021", "2025", "1948",
        "0912", "1900", "100", "/", "/", "/", "-", "–", " - ", ",", ".", "…", "(", ")", ":", "%", "Số", "số", "KH", "CT",
        "TW", "TU", "QĐ", "NĐ-CP", "TT", "BNN", "TCCB", "UBND", "QH15", "SNN&PTNT", "b/c", "V/v", "và", "Sở", "đơn vị",
        "TTr", "7705", "08", "98", "  ", " ", " ", " ", "\n", "hoạch", "Kế", "5", "2023", "30/5", "16/11/2021",
    ]

    @Test func tokenSoup() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("rules")
        let kinds = (try? Lexicon.load(from: root))?.kindCodes ?? ["KH", "CT", "QĐ", "NĐ", "TT", "TTr"]
        var rng = SplitMix64(state: UInt64(ProcessInfo.processInfo.environment["FUZZ_SEED"] ?? "77")!)
        for _ in 0..<(Int(ProcessInfo.processInfo.environment["FUZZ_N"] ?? "4000")!) {
            var text = ""
            for _ in 0..<Int.random(in: 1...14, using: &rng) {
                text += Self.pieces.randomElement(using: &rng)!
                if Bool.random(using: &rng) { text += " " }
            }
            let dates = VnDateParser.findAll(in: text)
            var last = text.startIndex
            for m in dates {
                #expect(m.range.lowerBound >= last && !m.range.isEmpty, "\(text)")
                last = m.range.upperBound
                let again = VnDateParser.parse(String(text[m.range]))
                switch (m.result, again) {
                case let (.date(a), .date(b)?): #expect(a.value == b.value && a.relation == b.relation, "\(text) | \(text[m.range])")
                case (.invalid, .invalid?): break
                default: Issue.record("\(text) | \(text[m.range]): \(m.result) vs \(String(describing: again))")
                }
            }
            _ = VnDateParser.parse(text)
            last = text.startIndex
            for m in DocNumberParser.findAll(in: text, kindCodes: kinds) {
                #expect(m.range.lowerBound >= last && !m.range.isEmpty, "\(text)")
                last = m.range.upperBound
                #expect(m.number.serial != nil)
                let again = DocNumberParser.parse(String(text[m.range]), kindCodes: kinds)
                #expect(again?.canonical == m.number.canonical, "\(text) | \(text[m.range])")
            }
            _ = DocNumberParser.parse(text, kindCodes: kinds)
        }
    }
}

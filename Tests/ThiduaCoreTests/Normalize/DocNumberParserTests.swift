import Foundation
import Testing
@testable import ThiduaCore

struct NumberRow: Sendable, CustomTestStringConvertible {
    var text: String
    var serial: String?
    var year: Int?
    var kind: String?
    var issuers: [String]
    var canonical: String
    var style: DocNumber.Style
    var wellFormed = true
    var testDescription: String { text }
}

@Suite struct DocNumberParserTests {
    /// The kind codes of rules/lexicon/kinds.yaml, loaded from the checkout.
    static let kindCodes: Set<String> = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return (try? Lexicon.load(from: root.appendingPathComponent("rules")))?.kindCodes ?? []
    }()

    /// RECORD.md "DocNumber": every row.
    static let recordTable: [NumberRow] = [
        NumberRow(text: "56/KH-SNN", serial: "56", kind: "KH", issuers: ["SNN"], canonical: "56/KH-SNN", style: .state),
        NumberRow(text: "/KH-UBND", serial: nil, kind: "KH", issuers: ["UBND"], canonical: "/KH-UBND", style: .state),
        NumberRow(text: "7705/CT-BNN-TCCB", serial: "7705", kind: "CT", issuers: ["BNN", "TCCB"],
                  canonical: "7705/CT-BNN-TCCB", style: .state),
        NumberRow(text: "08/2018/TT-BNN", serial: "08", year: 2018, kind: "TT", issuers: ["BNN"], canonical: "08/2018/TT-BNN",
                  style: .state),
        NumberRow(text: "98/2023/NĐ-CP", serial: "98", year: 2023, kind: "NĐ", issuers: ["CP"], canonical: "98/2023/NĐ-CP",
                  style: .state),
        NumberRow(text: "1734/BNN-TCCB", serial: "1734", kind: nil, issuers: ["BNN", "TCCB"], canonical: "1734/BNN-TCCB",
                  style: .state),
        NumberRow(text: "1445 /SLĐTBXH-LĐVLDN", serial: "1445", kind: nil, issuers: ["SLĐTBXH", "LĐVLDN"],
                  canonical: "1445/SLĐTBXH-LĐVLDN", style: .state),
        NumberRow(text: "55/2024/QH15", serial: "55", year: 2024, kind: nil, issuers: ["QH15"], canonical: "55/2024/QH15",
                  style: .state),
        NumberRow(text: "34-CT/TW", serial: "34", kind: "CT", issuers: ["TW"], canonical: "34-CT/TW", style: .party),
        NumberRow(text: "259/KH/TU", serial: "259", kind: "KH", issuers: ["TU"], canonical: "259-KH/TU", style: .party,
                  wellFormed: false),
        NumberRow(text: "259-KH/TU", serial: "259", kind: "KH", issuers: ["TU"], canonical: "259-KH/TU", style: .party),
    ]

    static let more: [NumberRow] = [
        NumberRow(text: "2335/QĐ-UBND", serial: "2335", kind: "QĐ", issuers: ["UBND"], canonical: "2335/QĐ-UBND", style: .state),
        NumberRow(text: "12/TTr-SNN&PTNT", serial: "12", kind: "TTr", issuers: ["SNN&PTNT"], canonical: "12/TTr-SNN&PTNT",
                  style: .state),
        NumberRow(text: "235/QĐ-TTg", serial: "235", kind: "QĐ", issuers: ["TTg"], canonical: "235/QĐ-TTg", style: .state),
        NumberRow(text: "08-QĐi/TW", serial: "08", kind: "QĐi", issuers: ["TW"], canonical: "08-QĐi/TW", style: .party),
        NumberRow(text: "05/CTr-BCĐ", serial: "05", kind: "CTr", issuers: ["BCĐ"], canonical: "05/CTr-BCĐ", style: .state),
        NumberRow(text: "100/2022/UBTVQH15", serial: "100", year: 2022, kind: nil, issuers: ["UBTVQH15"],
                  canonical: "100/2022/UBTVQH15", style: .state),
        NumberRow(text: "787/C06-P3", serial: "787", kind: nil, issuers: ["C06", "P3"], canonical: "787/C06-P3", style: .state),
        NumberRow(text: "05/QyĐ-UBND", serial: "05", kind: "QyĐ", issuers: ["UBND"], canonical: "05/QyĐ-UBND", style: .state),
        // The older state form (before Nghị định 110/2004): the issuer after a second slash.
        NumberRow(text: "144/2002/QĐ/BTC", serial: "144", year: 2002, kind: "QĐ", issuers: ["BTC"], canonical: "144/2002/QĐ-BTC",
                  style: .state),
    ]

    func check(_ row: NumberRow, _ n: DocNumber?, text: String) {
        guard let n else { Issue.record("\(row.text): not read"); return }
        #expect(n.text == text)
        #expect(n.serial == row.serial, "\(row.text)")
        #expect(n.year == row.year, "\(row.text)")
        #expect(n.kind == row.kind, "\(row.text)")
        #expect(n.issuers == row.issuers, "\(row.text)")
        #expect(n.canonical == row.canonical, "\(row.text)")
        #expect(n.style == row.style, "\(row.text)")
        #expect(n.wellFormed == row.wellFormed, "\(row.text)")
    }

    @Test func kindCodesLoadFromTheLexicon() {
        #expect(Self.kindCodes.isSuperset(of: ["KH", "QĐ", "CT", "TT", "NĐ", "TTr", "CTr", "QyĐ", "QĐi"]))
    }

    @Test(arguments: recordTable + more)
    func parsesRow(_ row: NumberRow) {
        check(row, DocNumberParser.parse(row.text, kindCodes: Self.kindCodes), text: row.text)
    }

    @Test(arguments: ["Số: ", "Số ", "số ", "Số:", "SỐ: "], recordTable)
    func parsesWithLabel(_ label: String, _ row: NumberRow) {
        check(row, DocNumberParser.parse(label + row.text + "  ", kindCodes: Self.kindCodes), text: row.text)
    }

    @Test(arguments: ["Số:     /KH-UBND", "Số: ....../KH-UBND", "Số: …/KH-UBND"])
    func blankSerialInHeader(_ line: String) {
        let n = DocNumberParser.parse(line, kindCodes: Self.kindCodes)
        #expect(n?.serial == nil)
        #expect(n?.canonical == "/KH-UBND")
        #expect(n?.kind == "KH")
        // Running text never reads a blank serial.
        #expect(DocNumberParser.findAll(in: line, kindCodes: Self.kindCodes).isEmpty)
    }

    @Test(arguments: recordTable + more)
    func findsRowInProse(_ row: NumberRow) throws {
        if row.serial == nil { return }
        let text = "Thực hiện văn bản số \(row.text) ngày 16/11/2021 của cơ quan,"
        let found = DocNumberParser.findAll(in: text, kindCodes: Self.kindCodes)
        try #require(found.count == 1, "\(row.text): \(found.map { String(text[$0.range]) })")
        #expect(String(text[found[0].range]) == row.text)
        check(row, found[0].number, text: row.text)
    }

    @Test func findsEveryNumberLeftToRight() {
        let text = "Căn cứ Chỉ thị số 7705/CT-BNN-TCCB ngày 16/11/2021; Công văn số 1734/BNN-TCCB; Chỉ thị số 05-CT/TW "
            + "của Ban Bí thư (2021-2025); Kế hoạch số 56/KH-SNN. Nơi nhận: UBND tỉnh (b/c); các sở (t/h). "
            + "V/v phát động thi đua. Lưu: VT,TCCB. TĐ-KT."
        let found = DocNumberParser.findAll(in: text, kindCodes: Self.kindCodes)
        #expect(found.map { $0.number.canonical } == ["7705/CT-BNN-TCCB", "1734/BNN-TCCB", "05-CT/TW", "56/KH-SNN"])
        #expect(found.map { String(text[$0.range]) } == ["7705/CT-BNN-TCCB", "1734/BNN-TCCB", "05-CT/TW", "56/KH-SNN"])
    }

    @Test(arguments: [
        "ngày 16/11/2021", "tháng 7/2021", "(2021-2025)", "UBND tỉnh (b/c)", "các sở (t/h)", "V/v phát động", "Lưu: VT,TCCB",
        "TĐ-KT", "và/hoặc", "đạt 15/19 tiêu chí", "giá 30.000đ/kg", "QCVN 01:2019/BCT", "bảo vệ 24/24 giờ",
        "tỷ lệ 1/25.000", "Km0 - Km2+571", "từ 2021-2025 các", "số /KH-UBND",
    ])
    func notANumber(_ text: String) {
        let found = DocNumberParser.findAll(in: text, kindCodes: Self.kindCodes).map { String(text[$0.range]) }
        #expect(found.isEmpty, "\(text): \(found)")
    }

    @Test func wrapsAndGluedText() {
        let k = Self.kindCodes
        // A line-wrap joined with a space inside the codes.
        #expect(DocNumberParser.findAll(in: "thực hiện Kế hoạch số 884/KH -UBND ngày 24/5/2022", kindCodes: k)
            .map(\.number.canonical) == ["884/KH-UBND"])
        // Text glued after the code by a lost space.
        #expect(DocNumberParser.findAll(in: "Kế hoạch số 56/KH-SNNngày 16/11/2021", kindCodes: k)
            .map(\.number.canonical) == ["56/KH-SNN"])
        // A stray space before the slash.
        #expect(DocNumberParser.findAll(in: "Kèm theo Kế hoạch số 1105 /KH-ĐKT ngày 10/3/2026", kindCodes: k)
            .map(\.number.canonical) == ["1105/KH-ĐKT"])
    }

    @Test func headerLineWithTrailingHyphenIsKeptButFlagged() {
        let n = DocNumberParser.parse("Số: 24 /HDLN-BCA-BQP-BYT-", kindCodes: Self.kindCodes)
        #expect(n?.canonical == "24/HDLN-BCA-BQP-BYT")
        #expect(n?.kind == "HDLN")
        #expect(n?.wellFormed == false)
    }

    @Test func literalKindCodeSetDecides() {
        #expect(DocNumberParser.parse("56/KH-SNN", kindCodes: [])?.kind == nil)
        #expect(DocNumberParser.parse("56/KH-SNN", kindCodes: [])?.issuers == ["KH", "SNN"])
        #expect(DocNumberParser.parse("1734/BNN-TCCB", kindCodes: ["BNN"])?.kind == "BNN")
    }

    @Test func jsonShape() throws {
        let n = try #require(DocNumberParser.parse("Số: 98/2023/NĐ-CP", kindCodes: Self.kindCodes))
        #expect(n.json.serialized() == #"{"text":"98/2023/NĐ-CP","serial":"98","year":2023,"kind":"NĐ","issuers":["CP"],"canonical":"98/2023/NĐ-CP","style":"state"}"#)
    }
}

extension DocNumberParserTests {
    @Test func headerLineWithPlaceAndDate() {
        let n = DocNumberParser.parse("Số:05/KH-UBND          Bắc Kạn, ngày 05 tháng 6 năm 2023", kindCodes: Self.kindCodes)
        #expect(n?.canonical == "05/KH-UBND")
        #expect(n?.text == "05/KH-UBND")
    }

    @Test func kindCodeInOtherCapitals() {
        #expect(DocNumberParser.parse("08-QĐI/TW", kindCodes: Self.kindCodes)?.kind == "QĐi")
        #expect(DocNumberParser.parse("12/TTR-UBND", kindCodes: Self.kindCodes)?.kind == "TTr")
    }

    @Test func partyNumberWithAKindOutsideTheTable() {
        let found = DocNumberParser.findAll(in: "theo Công văn số 123-CV/TU ngày 5/3/2024", kindCodes: Self.kindCodes)
        #expect(found.map(\.number.canonical) == ["123-CV/TU"])
        #expect(found.first?.number.kind == nil)
        #expect(found.first?.number.style == .party)
    }
}

extension DocNumberParserTests {
    /// Capitalized words after a slash are not codes.
    @Test(arguments: ["mục 1 /Nội dung", "12/Sở Tư pháp", "Tổ 3/Ba Đình", "lớp 5/Bà Rịa", "số 3/Tỉnh"])
    func capitalizedWordsAreNotCodes(_ text: String) {
        #expect(DocNumberParser.findAll(in: text, kindCodes: Self.kindCodes).isEmpty, "\(text)")
    }
}

extension DocNumberParserTests {
    @Test func partyHeaderWithBlankSerial() {
        let n = DocNumberParser.parse("Số      -KH/TU", kindCodes: Self.kindCodes)
        #expect(n?.serial == nil && n?.style == .party && n?.canonical == "-KH/TU" && n?.kind == "KH")
    }
}

import Foundation
import Testing
@testable import ThiduaCore

@Suite struct DOCXDecoderTests {
    let doc: DecodedDocument

    init() throws {
        doc = try DOCXDecoder.decode(try OfficeFixtures.fixture("docx/layout-tables.docx"))
    }

    @Test func headerTableBecomesTwoColumnsOfRows() throws {
        let issuer = try #require(doc.row("UBND TỈNH BẮC KẠN"))
        let number = try #require(doc.row("Số: 12/KH-SNN"))
        let motto = try #require(doc.row("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        let date = try #require(doc.row("Bắc Kạn, ngày 29 tháng 11 năm 2021"))
        #expect(issuer.segments[0].x0 == 0 && number.segments[0].x0 == 0)
        #expect(motto.segments[0].x0 == 300 && date.segments[0].x0 == 300)
        #expect(issuer.pageWidth == 600 && motto.pageWidth == 600)
        // Column by column: the whole left column comes before the right one.
        #expect(try #require(doc.rowIndex("Số: 12/KH-SNN")) < (try #require(doc.rowIndex("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))))
        #expect(motto.alignment == .center && motto.segments[0].bold)
        #expect(doc.row("SỞ NÔNG NGHIỆP VÀ PTNT")?.segments[0].bold == true)
        #expect(issuer.segments[0].bold == false)
    }

    @Test func titleIsCentredBoldParagraphAndBreaksSplitRows() throws {
        let kind = try #require(doc.row("KẾ HOẠCH"))
        #expect(kind.alignment == .center && kind.segments[0].bold && kind.isParagraph)
        #expect(kind.segments[0].x0 == nil)
        let a = try #require(doc.rowIndex("Về việc phát động thi đua"))
        #expect(doc.rows[a + 1].text == "năm 2022")
    }

    @Test func headingStylesAndBullets() throws {
        #expect(doc.row("I. MỤC ĐÍCH, YÊU CẦU")?.headingLevel == 2)
        #expect(doc.row("I. MỤC ĐÍCH, YÊU CẦU")?.segments[0].bold == true)
        #expect(doc.row("- Tuyên truyền sâu rộng") != nil)
        // Numbered lists get their counted numbers; a deeper level restarts under a new parent.
        let first = try #require(doc.rowIndex("I. MỤC ĐÍCH"))
        let numbered = doc.rows[first..<(first + 5)].map(\.text)
        #expect(numbered == ["I. MỤC ĐÍCH", "I.1. Bước một", "I.2. Bước hai", "II. TỔ CHỨC", "II.1. Bước đầu"])
        // The document default font reaches every run.
        #expect(doc.row("KẾ HOẠCH")?.segments[0].font == "Times New Roman")
    }

    @Test func dataTableKeepsGridWithMergedCellsEmpty() throws {
        #expect(doc.tables.count == 1)
        let t = try #require(doc.tables.first)
        #expect(t.rows.count == 4)
        #expect(t.rows.allSatisfy { $0.count == 4 })
        #expect(t.rows[0].map(\.text) == ["TT", "Nội dung", "Đơn vị thực hiện", "Thời gian"])
        #expect(t.rows[1][2].text == "Văn phòng")
        #expect(t.rows[2][2].text == "")  // vMerge continuation: left empty
        #expect(t.rows[3][0].text == "Ghi chú chung" && t.rows[3][1].segments.isEmpty)  // gridSpan: empty cells follow
    }

    @Test func closingTableIsLayout() throws {
        #expect(doc.row("Nơi nhận:")?.segments[0].x0 == 0)
        #expect(doc.row("- Lưu: VT.")?.segments[0].x0 == 0)
        #expect(doc.row("KT. GIÁM ĐỐC")?.segments[0].x0 == 300)
        #expect(doc.row("Nguyễn Văn A")?.segments[0].x0 == 300)
        #expect(doc.format == .docx && doc.pageCount == nil)
    }

    @Test func legacyFontNamesReachSegments() throws {
        let d = try DOCXDecoder.decode(try OfficeFixtures.fixture("docx/vntime-font.docx"))
        #expect(d.rows.count == 5)
        #expect(d.rows[0].segments[0].font == ".VnTimeH")
        #expect(d.rows[0].text == "Céng hoµ x· héi chñ nghÜa ViÖt Nam")
        #expect(d.rows[1].segments[0].font == ".VnTime" && d.rows[1].segments[0].bold)
    }

    @Test func spaceAlignedHeaderBecomesTwoColumns() throws {
        let d = try DOCXDecoder.decode(try OfficeFixtures.fixture("docx/vntime-font.docx"))
        let two = d.rows[2]
        #expect(two.segments.map(\.text) == ["bé tµi chÝnh", "céng hoµ x· héi chñ nghÜa ViÖt nam"])
        #expect(two.segments.map(\.x0) == [0, 300] && two.pageWidth == 600)
        #expect(two.segments.allSatisfy { $0.font == ".VnTime" })
        // Pushed right by spaces: the right column alone.
        #expect(d.rows[3].segments.count == 1 && d.rows[3].segments[0].x0 == 300)
        #expect(d.rows[3].text == "Hµ néi, ngµy 22 th¸ng 11 n¨m 2002")
        // A form line with two blanks is not two columns.
        #expect(d.rows[4].segments.count == 1 && d.rows[4].segments[0].x0 == nil)
    }

    @Test(arguments: ["000", "001", "004"])
    func seedDocumentsMatchTheirText(_ seed: String) throws {
        guard let data = OfficeFixtures.shared("seeds/\(seed)/doc.docx"),
              let txt = OfficeFixtures.shared("seeds/\(seed)/doc.txt") else { return }
        let d = try DOCXDecoder.decode(data)
        let expected = String(decoding: txt, as: UTF8.self).split(separator: "\n").map { OfficeText.collapse(String($0)) }
            .filter { !$0.isEmpty }
        let got = d.textLines
        #expect(expected.filter { !got.contains($0) } == [])
        #expect(got.count == expected.count)
        let number = try #require(d.rows.first { $0.text.hasPrefix("Số:") })
        #expect(number.segments[0].x0 == 0)
        let motto = try #require(d.rows.first { $0.text.hasPrefix("CỘNG HÒA XÃ HỘI") })
        #expect(motto.segments[0].x0 == 300)
    }

    @Test(arguments: ["30", "31", "32", "33", "34"])
    func corpusDocumentsDecode(_ n: String) throws {
        guard let data = OfficeFixtures.shared("corpus/raw/\(n).docx") else { return }
        let d = try DOCXDecoder.decode(data)
        #expect(d.rows.count >= 10)
        if n != "30" {
            #expect(d.rows.prefix(12).contains { $0.text.hasPrefix("Số") && $0.segments[0].x0 == 0 })
            #expect(d.rows.prefix(12).contains { $0.text.uppercased().contains("XÃ HỘI CHỦ NGHĨA") && $0.segments[0].x0 == 300 })
        }
    }
}

@Suite struct DOCXFootnoteTests {
    @Test func footnoteFollowsItsParagraphAndItsCitationIsAReference() throws {
        let doc = try DOCXDecoder.decode(try OfficeFixtures.fixture("docx/footnote.docx"))
        let texts = doc.blocks.compactMap { b -> String? in if case let .row(r) = b { return r.text }; return nil }
        let mark = try #require(texts.firstIndex { $0.hasPrefix("I. MỤC ĐÍCH") })
        #expect(texts[mark + 1] == "Nghị quyết số 10-NQ/TW ngày 10/02/2022 của Bộ Chính trị.")
        #expect(texts[mark + 2].hasPrefix("II. NỘI DUNG"))
        let url = TestSupport.fixtures.appendingPathComponent("docx/footnote.docx")
        let refs = try TestSupport.pipeline.extract(path: url.path).references
        #expect(refs.contains { $0.number.canonical == "10-NQ/TW" && $0.date?.value == "2022-02-10" })
    }
}

import Foundation
import Testing
@testable import ThiduaCore

@Suite struct ODTDecoderTests {
    @Test func layoutStylesListsAndTables() throws {
        let d = try ODTDecoder.decode(try OfficeFixtures.fixture("odt/layout-tables.odt"))
        #expect(d.format == .odt)
        #expect(d.row("UBND TỈNH LÀO CAI")?.segments[0].x0 == 0)
        #expect(d.row("Số: 7/KH-UBND")?.segments[0].x0 == 0)
        // text:line-break splits the cell paragraph into two rows, both in the right column.
        #expect(d.row("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")?.segments[0].x0 == 300)
        #expect(d.row("Độc lập - Tự do - Hạnh phúc")?.segments[0].x0 == 300)
        let kind = try #require(d.row("KẾ HOẠCH"))
        #expect(kind.alignment == .center && kind.segments[0].bold)
        #expect(d.row("I. MỤC ĐÍCH")?.headingLevel == 2)
        #expect(d.row("- Tuyên truyền   sâu rộng") != nil)  // text:s c=3 kept
        #expect(d.row("Chữ KÕ ho¹ch")?.segments[0].font == ".VnTime")
        // A footnote's paragraph follows the paragraph that marks it.
        let rows = d.blocks.compactMap { b -> String? in if case let .row(r) = b { return r.text }; return nil }
        let marked = try #require(rows.firstIndex(of: "Quán triệt nghị quyết của Đảng."))
        #expect(rows[marked + 1] == "Nghị quyết số 10-NQ/TW ngày 10/02/2022 của Bộ Chính trị.")
        let t = try #require(d.tables.first)
        #expect(t.rows.count == 2 && t.rows.allSatisfy { $0.count == 3 })
        #expect(t.rows[1][0].text == "Gộp hai cột" && t.rows[1][1].text == "" && t.rows[1][2].text == "Quý I")
    }

    @Test(arguments: ["000", "001", "004"])
    func seedDocumentsMatchTheirText(_ seed: String) throws {
        guard let data = OfficeFixtures.shared("seeds/\(seed)/doc.odt"),
              let txt = OfficeFixtures.shared("seeds/\(seed)/doc.txt") else { return }
        let d = try ODTDecoder.decode(data)
        let expected = String(decoding: txt, as: UTF8.self).split(separator: "\n").map { OfficeText.collapse(String($0)) }
            .filter { !$0.isEmpty }
        #expect(expected.filter { !d.textLines.contains($0) } == [])
        #expect(d.textLines.count == expected.count)
    }
}

@Suite struct HTMLDecoderTests {
    @Test func portalPageIsCutToTheDocument() throws {
        let d = try HTMLDecoder.decode(try OfficeFixtures.fixture("html/portal-page.html"))
        #expect(d.format == .html && d.encoding == "utf-8")
        #expect(d.rows.first?.text == "UBND TỈNH BẮC KẠN")
        let all = d.textLines.joined(separator: "\n")
        #expect(!all.contains("Mục menu"))
        #expect(!all.contains("trong script"))
        #expect(!all.contains("Địa chỉ"))
        #expect(!all.contains("Cổng thông tin"))
        #expect(!all.contains("Nội dung ẩn"))  // display: none
        #expect(d.row("Chó thÝch")?.segments[0].font == ".VnTime")  // <font face> is legacy evidence
        #expect(d.row("UBND TỈNH BẮC KẠN")?.segments[0].x0 == 0)
        #expect(d.row("SỞ NÔNG NGHIỆP")?.segments[0].x0 == 0)  // <br> split the cell
        #expect(d.row("Số: 5/KH-SNN")?.segments[0].x0 == 0)
        #expect(d.row("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")?.segments[0].x0 == 300)
        #expect(d.row("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")?.segments[0].bold == true)
        let kind = try #require(d.row("KẾ HOẠCH"))
        #expect(kind.alignment == .center && kind.segments[0].bold)
        // Entities decoded, a no-break space kept as a space, style text-align read.
        let subject = try #require(d.row("Tổ chức phong trào thi đua & khen thưởng năm 2022"))
        #expect(subject.alignment == .center)
        #expect(d.row("I. MỤC ĐÍCH")?.headingLevel == 2)
        #expect(d.row("- Tuyên truyền") != nil)
        let t = try #require(d.tables.first)
        #expect(t.rows.count == 3 && t.rows.allSatisfy { $0.count == 3 })
        #expect(t.rows[2].map(\.text) == ["", "Sơ kết", "Quý II"])  // rowspan: the covered cell is empty
    }

    @Test func windows1258CharsetFromMeta() throws {
        let d = try HTMLDecoder.decode(try OfficeFixtures.fixture("html/windows-1258.html"))
        #expect(d.encoding == "windows-1258")
        let texts = d.rows.map { $0.text.precomposedStringWithCanonicalMapping }
        #expect(texts.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        #expect(texts.contains("Thực hiện phong trào thi đua năm 2020."))
    }

    @Test(arguments: ["000", "001", "004"])
    func seedDocumentsMatchTheirText(_ seed: String) throws {
        guard let data = OfficeFixtures.shared("seeds/\(seed)/doc.html"),
              let txt = OfficeFixtures.shared("seeds/\(seed)/doc.txt") else { return }
        let d = try HTMLDecoder.decode(data)
        let expected = String(decoding: txt, as: UTF8.self).split(separator: "\n").map { OfficeText.collapse(String($0)) }
            .filter { !$0.isEmpty }
        #expect(expected.filter { !d.textLines.contains($0) } == [])
        #expect(d.textLines.count == expected.count)
    }

    @Test(arguments: ["35", "36", "37"])
    func portalPagesStartAtTheDocument(_ n: String) throws {
        guard let data = OfficeFixtures.shared("corpus/raw/\(n).html") else { return }
        let d = try HTMLDecoder.decode(data)
        #expect(d.rows.prefix(8).contains { $0.text.uppercased().contains("XÃ HỘI CHỦ NGHĨA VIỆT NAM") })
        #expect(d.rows.prefix(8).contains { $0.text.hasPrefix("Số:") })
        #expect(d.rows.count > 50)
    }
}

@Suite struct HTMLClassStyleTests {
    @Test func classRulesGiveAlignmentAndWeight() throws {
        let html = """
        <html><head><style>
        p.P20 { margin-left: 0; text-align: center ! important; }
        .T8, .Other > span { font-weight: bold }
        td p.Skip:hover { text-align: right }
        </style></head><body>
        <p class="P20"><span class="T8">KẾ HOẠCH</span></p><p class="Skip">Thân bài</p><p>Không lớp</p>
        </body></html>
        """
        let d = try HTMLDecoder.decode(Data(html.utf8))
        let kind = try #require(d.row("KẾ HOẠCH"))
        #expect(kind.alignment == .center && kind.segments[0].bold)
        #expect(d.row("Thân bài")?.alignment == nil)
        #expect(d.row("Không lớp")?.alignment == nil && d.row("Không lớp")?.segments[0].bold == false)
    }
}

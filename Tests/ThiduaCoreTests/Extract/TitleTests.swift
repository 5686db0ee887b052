import Foundation
import Testing
@testable import ThiduaCore

@Suite struct TitleTests {
    /// Paragraphs without alignment (HTML whose centring is in a stylesheet): a paragraph
    /// opening in lower case goes on with the title; the body's first sentence does not.
    @Test func lowercaseParagraphContinuesTheTitle() throws {
        let html = """
        <html><body><p>UBND TỈNH LÀO CAI</p><p>Số: 12/KH-UBND</p><p>Lào Cai, ngày 10 tháng 3 năm 2026</p>
        <p>KẾ HOẠCH</p><p>Triển khai thực hiện Chỉ thị số 11-CT/TU ngày 04/01/2026</p>
        <p>của Ban Thường vụ Tỉnh ủy về khoáng sản</p>
        <p>Thực hiện Chỉ thị số 11-CT/TU, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau.</p></body></html>
        """
        let r = try TestSupport.pipeline.extract(data: Data(html.utf8), file: "plan.html")
        #expect(r.document.title == "Triển khai thực hiện Chỉ thị số 11-CT/TU ngày 04/01/2026 của Ban Thường vụ Tỉnh ủy về khoáng sản")
    }

    /// A title in capitals laid out by a word processor: full-width lines come out justified, the
    /// last one centred; all of them are the title ("… THÀNH" / "PHỐ HÀ NỘI ĐẾN NĂM 2030", where
    /// "PHỐ" is not the position "Phó").
    @Test func capitalsTitleGoesOnWhateverTheAlignment() throws {
        func row(_ t: String, _ a: Alignment) -> Block { .row(Row(segments: [Segment(t, x0: 90, x1: 540)], alignment: a, pageWidth: 600)) }
        let blocks: [Block] = [
            .row(Row(segments: [Segment("ỦY BAN NHÂN DÂN", x0: 150, x1: 270), Segment("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", x0: 350, x1: 540)], pageWidth: 600)),
            .row(Row(segments: [Segment("Số: 310/KH-UBND", x0: 160, x1: 260), Segment("Hà Nội, ngày 24 tháng 11 năm 2025", x0: 350, x1: 540)], pageWidth: 600)),
            row("KẾ HOẠCH", .center),
            row("PHÁT TRIỂN HẠ TẦNG 5G TRONG CÁC KHU CÔNG NGHỆ CAO,", .justify),
            row("KHU CÔNG NGHIỆP TRÊN ĐỊA BÀN THÀNH", .justify),
            row("PHỐ HÀ NỘI ĐẾN NĂM 2030", .center),
            row("Triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Ủy ban nhân dân", .justify),
        ]
        let doc = Repairer.repair(DecodedDocument(format: .pdf, blocks: blocks, pageCount: 1, textLayer: .native))
        let zones = Segmenter(lexicon: TestSupport.lexicon).segment(doc)
        #expect(zones.titleRows.map(\.text) == ["PHÁT TRIỂN HẠ TẦNG 5G TRONG CÁC KHU CÔNG NGHỆ CAO,", "KHU CÔNG NGHIỆP TRÊN ĐỊA BÀN THÀNH",
                                                "PHỐ HÀ NỘI ĐẾN NĂM 2030"])
    }

    /// "Phần thứ nhất" opens the body: it is not a title line.
    @Test func ordinalPartIsAnOutlineMark() {
        #expect(Outline.marker(in: "Phần thứ nhất")?.mark == .part)
        #expect(Outline.marker(in: "PHẦN THỨ HAI: ĐỊNH HƯỚNG")?.rest == "ĐỊNH HƯỚNG")
    }
}

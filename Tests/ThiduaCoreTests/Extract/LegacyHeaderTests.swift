import Foundation
import Testing
@testable import ThiduaCore

/// Headers of old documents: a capitals font the source lost, decorative rules,
/// abbreviations as agency heads, a number and a place-and-date on one line,
/// province names with an en dash, TCVN3's "ư" written as a soft hyphen.
@Suite struct LegacyHeaderTests {
    static func extract(_ text: String) throws -> DocumentPart {
        try TestSupport.pipeline.extract(data: Data(text.utf8), file: "header.txt").document
    }

    @Test func lowercaseLineUnderCapitalsIsPartOfTheCapitalsName() throws {
        let d = try Self.extract("""
        ỦY BAN NHÂN DÂN
        thành phố cần thơ
        -0-
        Số: 256/2004/QĐ-UB

        QUYẾT ĐỊNH
        V/v ban hành Chương trình cải cách hành chính

        Điều 1. Ban hành kèm theo Quyết định này Chương trình.
        """)
        #expect(d.issuer?.name == "Ủy ban nhân dân thành phố Cần Thơ")
        #expect(d.number?.text == "256/2004/QĐ-UB")
    }

    @Test func abbreviatedHeadCodeAfterASpaceAndEnDashProvince() throws {
        let d = try Self.extract("""
        UBND TỈNH BÀ RỊA – VŨNG TÀU
        BQL CÁC KHU CÔNG NGHIỆP
        BÀ RỊA – VŨNG TÀU
        *****
        Số : /QĐ. BQL–VP Vũng Tàu , ngày tháng năm 2007

        QUYẾT ĐỊNH
        V/v ban hành Quy chế chi tiêu nội bộ

        Điều 1. Ban hành kèm theo Quyết định này Quy chế.
        """)
        #expect(d.issuer?.name == "Ban Quản lý các khu công nghiệp Bà Rịa – Vũng Tàu")
        #expect(d.issuer?.parent == "Ủy ban nhân dân tỉnh Bà Rịa – Vũng Tàu")
        #expect(d.place == "Vũng Tàu")
        #expect(d.date?.value == "2007-XX-XX")
    }

    @Test func softHyphenInTCVN3DOCXIsTheLetterU() throws {
        let url = TestSupport.fixtures.appendingPathComponent("docx/tcvn3-soft-hyphen.docx")
        let record = try TestSupport.pipeline.extract(path: url.path)
        #expect(record.document.kind?.name == "Thông tư")
        #expect(record.document.title == "Hướng dẫn thi hành thuế thu nhập")
        let text = try TestSupport.pipeline.pageTexts(path: url.path).joined()
        #expect(text.contains("hướng dẫn thực hiện như sau"))
        #expect(!text.contains("\u{00AD}"))
    }

    @Test func rulesUnderHeaderLines() {
        let h = HeaderExtractor(lexicon: TestSupport.lexicon, casing: Casing(lexicon: TestSupport.lexicon))
        #expect(h.isRule("-0-") && h.isRule("---o0o---") && h.isRule("*****") && h.isRule("____"))
        #expect(!h.isRule("0") && !h.isRule("o0o") && !h.isRule("Số 10"))
    }
}

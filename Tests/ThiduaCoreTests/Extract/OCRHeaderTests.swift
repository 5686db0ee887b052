import Foundation
import Testing
@testable import ThiduaCore

/// The header of a recognized (OCR) page: misread kind words, lost marks on
/// capitals, a lost "Số:" and slash, "W/v" for "V/v", a date line without "năm".
/// Rows are built the way the OCR decoder gives them (left and right columns as
/// segments with positions); the same rows as a text layer must not get the OCR
/// allowances where they could misfire.
@Suite struct OCRHeaderTests {
    static func row(_ left: String?, _ right: String?, centre: Bool = false) -> Block {
        var segs: [Segment] = []
        if let left { segs.append(Segment(left, x0: 60, x1: 250)) }
        if let right { segs.append(Segment(right, x0: 300, x1: 560)) }
        return .row(Row(segments: segs, alignment: centre ? .center : nil, pageWidth: 600, marginLeft: 60, marginRight: 560))
    }

    static func line(_ t: String) -> Block { .row(Row(segments: [Segment(t, x0: 60, x1: 560)], pageWidth: 600, marginLeft: 60, marginRight: 560)) }

    static func record(_ blocks: [Block], ocr: Bool = true) -> Record {
        let decoded = DecodedDocument(format: .pdf, blocks: blocks, pageCount: 1, textLayer: ocr ? .ocr : .native)
        let zones = Segmenter(lexicon: TestSupport.lexicon).segment(Repairer.repair(decoded))
        return FieldExtractor(lexicon: TestSupport.lexicon).extract(zones).0
    }

    static let decision: [Block] = [
        row("UY BAN NHAN DAN", "CỌNG HOA XA HỌI CHU NGHIA VIỆT NAM"),
        row("TỈNH QUẢNG: BÌNH", "Độc lập - Tự do - Hạnh phúc"),
        row("/QĐ-UBND", "Quảng Bình, ngày, 1 tháng 2022"),
        line("QUYKET ĐỊNH"),
        line("Về việc tặng Bằng khen của Chủ tịch UBND tỉnh"),
        line("CHU TỊCH UY BAN NHAN DÁN TĨNH QUẢNG BÌNH"),
        line("Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022;"),
    ]

    @Test func misreadKindWordLostMarksAndAuthorityLine() {
        let d = Self.record(Self.decision).document
        #expect(d.kind?.name == "Quyết định")
        #expect(d.issuer?.name == "Ủy ban nhân dân tỉnh Quảng Bình")
        #expect(d.place == "Quảng Bình")
        #expect(d.title == "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh")
    }

    @Test func aMisreadKindWordCountsOnlyInRecognizedText() {
        #expect(Self.record(Self.decision, ocr: false).document.kind?.name != "Quyết định")
    }

    @Test func officialLetterWithLostNumberMarksAndMisreadSubjectMark() {
        let d = Self.record([
            Self.row("BỘ CÔNG THƯƠNG", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            Self.row("6 ŸBCT-ATMT", "Độc lập - Tự do - Hạnh phúc"),
            Self.row("W/v triển khai thực hiện thủ tục cấp", "Hà Nội, ngày 10 tháng 4 năm 2026"),
            Self.row("Giấy phép vận chuyển hàng hóa nguy hiểm", nil),
            Self.line("Kính gửi: Ủy ban nhân dân các tỉnh, thành phố"),
            Self.line("Ngày 25 tháng 3 năm 2026, Bộ Công Thương ban hành Thông tư số 15/2026/TT-BCT."),
        ]).document
        #expect(d.issuer?.name == "Bộ Công Thương")
        #expect(d.issuer?.parent == nil)
        #expect(d.kind?.name == "Công văn")
        #expect(d.title == "V/v triển khai thực hiện thủ tục cấp Giấy phép vận chuyển hàng hóa nguy hiểm")
        #expect(d.place == "Hà Nội")
    }

    @Test func editDistanceAndProvinceMarks() {
        #expect(EditDistance.atMostOne("quyket dinh", "quyet dinh"))
        #expect(EditDistance.atMostOne("ke hoach", "ke hoach"))
        #expect(!EditDistance.atMostOne("cong van", "cong doan"))
        let casing = Casing(lexicon: TestSupport.lexicon)
        #expect(casing.restoreProvinceMarks("Ủy ban nhân dân tỉnh QUANG BINH") == "Ủy ban nhân dân tỉnh Quảng Bình")
        #expect(casing.restoreProvinceMarks("UBND tỉnh Quangbình, Sở Nội vụ") == "UBND tỉnh Quảng Bình, Sở Nội vụ")
        #expect(casing.restoreProvinceMarks("tỉnh Quảng: Bình") == "tỉnh Quảng Bình")
        // Right already, or a colon after the name: unchanged.
        #expect(casing.restoreProvinceMarks("tại Quảng Bình: họp") == "tại Quảng Bình: họp")
        #expect(casing.agency("SƠ TU PHÁP") == "Sở Tu pháp")
    }
}

/// An activity table continued without its number column (OCR lost every number on
/// those rows) keeps the header's columns, shifted by one.
@Suite struct ContinuationTableTests {
    @Test func continuationWithoutNumberColumnGivesMilestones() throws {
        func cells(_ texts: [String]) -> [TableCell] { texts.map { TableCell($0) } }
        let first = Table(rows: [cells(["TT", "Nội dung hoạt động", "Đơn vị thực hiện", "Thời gian"]),
                                 cells(["(1)", "(2)", "(3)", "(4)"]),
                                 cells(["1", "Phát động thi đua", "Các đơn vị", "Trước ngày 30/5/2023"])])
        let next = Table(rows: [cells(["Báo cáo tổng kết năm 2023", "Các đơn vị trong Khối", "Trước 15/11/2023"])])
        let ms = CampaignExtractor(lexicon: TestSupport.lexicon).tableMilestones([first, next]).map(\.value)
        #expect(ms.map(\.task) == ["Phát động thi đua", "Báo cáo tổng kết năm 2023"])
        #expect(ms.map { $0.due?.value } == ["2023-05-30", "2023-11-15"])
        #expect(ms.last?.responsible == "Các đơn vị trong Khối")
    }
}

@Suite struct SealOverSignatureTests {
    @Test func aNameInsideTheIssuersNameIsNotASigner() {
        let issuer = Issuer(name: "Trường Đại học Công Thương Thành phố Hồ Chí Minh", parent: "Bộ Công Thương")
        #expect(FieldExtractor.isPartOfIssuer("CÔNG THƯƠN", issuer))
        #expect(!FieldExtractor.isPartOfIssuer("Nguyễn Văn An", issuer))
        #expect(!FieldExtractor.isPartOfIssuer("Nguyễn Văn An", nil))
    }
}

/// A narrow header column wraps: the issuer's place, the number's code and the Quốc
/// hiệu's "VIỆT NAM" go to the next line; an appendix follows the signature.
@Suite struct WrappedHeaderAndAppendixTests {
    typealias H = OCRHeaderTests

    static let blocks: [Block] = [
        H.row("UBND TỈNH LÀO", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA"),
        H.row("CAI", "VIỆT NAM"),
        H.row("SỞ CÔNG", "Độc lập - Tự do - Hạnh phúc"),
        H.row("THƯƠNG", nil),
        H.row("Số: /KH-", "Lào Cai, ngày 10 tháng 4 năm 2026"),
        H.row("SCT", nil),
        H.line("KẾ HOẠCH"),
        H.line("Kiểm tra cấp Giấy chứng nhận huấn luyện"),
        H.line("Căn cứ Nghị định số 181/2024/NĐ-CP ngày 31/12/2024 của Chính phủ và Văn bản của Cục Kỹ thuật"),
        H.line("- BQP tại Văn bản số 33/GĐN ngày 20/4/2026;"),
        H.line("I. MỤC ĐÍCH, YÊU CẦU"),
        H.line("1. Kiểm tra đúng quy định."),
        H.line("II. TỔ CHỨC THỰC HIỆN"),
        H.line("Các phòng thực hiện Kế hoạch này./."),
        H.row("Nơi nhận:", "KT. GIÁM ĐỐC"),
        H.row("- Như trên;", "PHÓ GIÁM ĐỐC"),
        H.row("- Lưu: VT, KT.", nil),
        H.row(nil, "Hoàng Văn Thuân"),
        H.line("PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC"),
        H.line("(Kèm theo Kế hoạch số /KH-SCT ngày /4/2026 của Sở Công Thương)"),
        H.line("1. Rà soát điều kiện của học viên Đỗ Mạnh Cường"),
        H.line("2. Trình ký chứng chỉ trước ngày 30/4/2026 Vũ Việt Linh"),
    ]

    @Test func wrappedHeaderColumns() {
        let d = H.record(Self.blocks, ocr: false).document
        #expect(d.number?.canonical == "/KH-SCT")
        #expect(d.issuer?.name == "Sở Công Thương")
        #expect(d.issuer?.parent == "Ủy ban nhân dân tỉnh Lào Cai")
    }

    @Test func appendixAfterTheSignatureIsBodyNotClosing() {
        let r = H.record(Self.blocks, ocr: false)
        #expect(r.document.signer?.name == "Hoàng Văn Thuân")
        #expect(r.document.recipients.count == 1)
        #expect(r.campaign.milestones.contains { $0.due?.value == "2026-04-30" })
        #expect(r.sections.map(\.label) == ["I", "II"])
    }
}

@Suite struct ScanSignatureTests {
    /// A short plan whose closing block is `signature`, read as a scan would give it.
    static func plan(signature: String) throws -> Record {
        let text = """
        UBND TỈNH NGHỆ AN
        Số: 15/KH-UBND
        Nghệ An, ngày 02 tháng 3 năm 2025

        KẾ HOẠCH
        Tổ chức phong trào thi đua năm 2025

        I. MỤC ĐÍCH
        1. Tuyên truyền sâu rộng./.

        Nơi nhận:
        - Như trên;
        - Lưu: VT.

        """ + signature
        return try TestSupport.pipeline.extract(data: Data(text.utf8), file: "scan.txt")
    }

    /// A scan's signature block without its marks: the capacity line is still a position (the
    /// lexicon's form comes back), not lost and not taken for a name.
    @Test func positionWithoutMarksIsRestored() throws {
        let r = try Self.plan(signature: "TM. UY BAN NHAN DAN\nKT. CHU TICH\nPHO CHU TICH\n\nNguyen Van An")
        #expect(r.document.signer?.title == "Phó Chủ tịch")
        #expect(r.document.signer?.onBehalfOf == "Chủ tịch")
        #expect(r.document.signer?.name == "Nguyen Van An")
    }

    /// An appendix heading OCR broke apart ("PH ULỤC") under a signature without a name
    /// is not the signer: every syllable of a name has a vowel.
    @Test func aBrokenHeadingIsNotAName() throws {
        let r = try Self.plan(signature: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nPH ULỤC")
        #expect(r.document.signer?.title == "Phó Chủ tịch")
        #expect(r.document.signer?.name == nil)
    }

    @Test func everySyllableOfANameHasAVowel() {
        let closing = ClosingExtractor(lexicon: TestSupport.lexicon, casing: Casing(lexicon: TestSupport.lexicon))
        #expect(closing.looksLikeName("Nguyễn Văn An"))
        #expect(closing.looksLikeName("NGUYỄN THỊ Y"))
        #expect(closing.looksLikeName("Lê V. Tám"))
        #expect(!closing.looksLikeName("PH ULỤC"))
        #expect(!closing.looksLikeName("Trần Thị Bch"))
    }
}

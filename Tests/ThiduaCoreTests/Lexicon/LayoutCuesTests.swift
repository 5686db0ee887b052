import Foundation
import Testing
@testable import ThiduaCore

/// The layout words of `rules/lexicon/layout.yaml`, on lines from real documents.
@Suite struct LayoutCuesTests {
    let cues = TestSupport.lexicon.layout

    @Test(arguments: ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA", "CONG HOA XA HOI CHU NGHIA VIET NAM",
                      "ĐẢNG CỘNG SẢN VIỆT NAM", "XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    func nationalLines(_ line: String) {
        #expect(cues.isNational(line))
    }

    @Test func notNational() {
        #expect(!cues.isNational("ỦY BAN NHÂN DÂN TỈNH BẠC LIÊU"))
        #expect(!cues.isNational("Độc lập - Tự do - Hạnh phúc"))
    }

    @Test func partyAndWrappedTail() throws {
        #expect(cues.isParty("ĐẢNG CỘNG SẢN VIỆT NAM"))
        #expect(!cues.isParty("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        #expect(!cues.endsNational("CỘNG HÒA XÃ HỘI CHỦ NGHĨA"))
        #expect(try #require(cues.nationalTail(of: "VIỆT NAM")).whole)
        let run = try #require(cues.nationalTail(of: "SỞ TƯ PHÁP VIỆT NAM"))
        #expect(!run.whole && run.suffixLength == "viet nam".count)
        #expect(cues.nationalTail(of: "SỞ TƯ PHÁP") == nil)
    }

    @Test func motto() {
        #expect(cues.isMotto("Độc lập - Tự do - Hạnh phúc"))
        #expect(cues.isMotto("Doc lap - Tu do"))
        #expect(!cues.isMotto("độc lập dân tộc"))
    }

    @Test(arguments: ["Nơi nhận:", "Nơi nhận", "Noi nhan:", "NƠI NHẬN:", "Nơi nhận: - Như trên;"])
    func recipientsHeadings(_ line: String) {
        #expect(cues.isRecipientsHeading(line))
    }

    @Test func notRecipientsHeading() {
        #expect(!cues.isRecipientsHeading("Nơi nhậnhồ sơ"))
        #expect(!cues.isRecipientsHeading("Người nhận"))
    }

    @Test func archiveLineAndItsLabel() {
        #expect(cues.isArchiveLine("Lưu: VT, TCCB."))
        #expect(cues.archiveLabelLength("Lưu VT.") == 3)
        #expect(!cues.isArchiveLine("Văn phòng UBND tỉnh"))
    }

    @Test func appendixOpenings() {
        #expect(cues.appendixOpening("PHỤ LỤC I").isAppendix)
        #expect(cues.appendixOpening("PH ULỤC").isAppendix, "OCR moves the space of a wide heading")
        #expect(cues.appendixOpening("(Kèm theo Kế hoạch số 56/KH-SNN)").isAttachment)
        #expect(!cues.appendixOpening("Phụ nữ và trẻ em").isAppendix)
    }

    @Test func subjectSalutationAndStamps() {
        #expect(cues.isSubjectLine("V/v tổ chức phong trào thi đua"))
        #expect(cues.isSubjectLine("Về việc khen thưởng"))
        #expect(!cues.isSubjectLine("về việc khen thưởng"), "as written: a wrapped title line in lower case goes on")
        #expect(cues.isSalutation("Kính gửi: Các sở, ban, ngành"))
        #expect(cues.isHeaderStamp("Ký bởi: Ủy ban nhân dân tỉnh"))
        #expect(cues.isHeaderStamp("Thời gian ký: 29.11.2021 08:12:31 +07:00"))
        #expect(cues.isSignatureNote("(Đã ký)"))
        #expect(cues.isSignatureNote("(Ký tên, đóng dấu)"))
        #expect(!cues.isSignatureNote("Nguyễn Văn An"))
    }

    @Test func aMissingListIsNamedWithItsFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("layout.yaml")
        let shipped = try String(contentsOf: TestSupport.rules.appendingPathComponent("lexicon/layout.yaml"), encoding: .utf8)
        try shipped.replacingOccurrences(of: "recipients: [Nơi nhận]", with: "").write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: ThiduaError.self) { try LayoutCues.load(url) }
        do { _ = try LayoutCues.load(url) } catch let e as ThiduaError {
            #expect(e.message.contains("layout.yaml") && e.message.contains("recipients"))
        }
    }
}

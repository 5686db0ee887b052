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
}

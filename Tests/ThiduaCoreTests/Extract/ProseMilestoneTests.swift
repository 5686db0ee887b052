import Foundation
import Testing
@testable import ThiduaCore

@Suite struct ProseMilestoneTests {
    @Test func planningHorizonIsNotADeadline() throws {
        let text = """
        UBND TỈNH LÀO CAI
        Số: 12/KH-UBND
        Lào Cai, ngày 10 tháng 3 năm 2026

        KẾ HOẠCH
        Triển khai quy hoạch khoáng sản

        I. NHIỆM VỤ
        1. Rà soát phương án để tích hợp vào Quy hoạch tỉnh thời kỳ 2021–2030, tầm nhìn đến năm 2050.
        2. Thực hiện Chiến lược khoáng sản đến năm 2030, tầm nhìn đến năm 2045.
        3. Các sở báo cáo kết quả về Sở Nông nghiệp trước ngày 15/12/2026.
        """
        let r = try TestSupport.pipeline.extract(data: Data(text.utf8), file: "plan.txt")
        #expect(r.campaign.milestones.map { $0.due?.value } == ["2026-12-15"])
    }
}

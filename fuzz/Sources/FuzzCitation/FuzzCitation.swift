import FuzzSupport
import Foundation
import ThiduaCore

/// Citations ("Chỉ thị số 7705/CT-BNN-TCCB ngày 16/11/2021 của Bộ …"): the input is the body of a
/// plan with a fixed header and closing, so the reference, milestone and campaign readers see it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let body = FuzzHarness.text(start, count)
    FuzzHarness.decodeAndExtract(Data((PlanFrame.header + body + PlanFrame.closing).utf8), format: .text)
    return 0
}

enum PlanFrame {
    static let header = """
        UỶ BAN NHÂN DÂN\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
        TỈNH NAM ĐỊNH\tĐộc lập - Tự do - Hạnh phúc
        Số: 56/KH-UBND\tNam Định, ngày 12 tháng 3 năm 2024

        KẾ HOẠCH
        Tổ chức phong trào thi đua năm 2024

        """
    static let closing = """

        Nơi nhận:
        - Như trên;
        - Lưu: VT.
        \tTM. ỦY BAN NHÂN DÂN
        \tKT. CHỦ TỊCH
        \tPHÓ CHỦ TỊCH

        \tNguyễn Văn An
        """
}

@_cdecl("FuzzCitation_main")
public func FuzzCitationMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}

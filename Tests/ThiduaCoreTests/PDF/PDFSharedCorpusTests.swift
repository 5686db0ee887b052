import Foundation
import Testing
@testable import ThiduaCore

/// The shared seeds and real documents (`../shared`); each test skips when its file is absent.
@Suite struct PDFSeedTests {
    static let headers: [(seed: String, issuer: String, quocHieu: String, number: String, place: String)] = [
        ("000", "UBND TỈNH BẮC KẠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 112/KH-SNN", "Bắc Kạn, ngày 29 tháng 11 năm 2021"),
        ("001", "UBND TỈNH THANH HÓA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: /KH-SNN&PTNT", "Thanh Hóa, ngày tháng năm 2023"),
        ("004", "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 27/KH-UBND", "Bạc Liêu, ngày 08 tháng 02 năm 2021"),
    ]

    @Test(arguments: headers.map(\.seed))
    func headerColumnsStayApart(seed: String) throws {
        guard let data = PDFTestFiles.shared("seeds/\(seed)/doc.pdf") else { return }
        let h = try #require(Self.headers.first { $0.seed == seed })
        let doc = try PDFDecoder.decode(data, options: .init(ocr: .never))
        #expect(doc.textLayer == .native)
        let first = try #require(doc.rows.first)
        #expect(first.segments.map(\.text) == [h.issuer, h.quocHieu])
        let numberRow = try #require(doc.row(containing: "Số:"))
        #expect(numberRow.segments.map(\.text) == [h.number, h.place])
        #expect(doc.row(containing: "KẾ HOẠCH")?.alignment == .center)
        // No interleaving: nothing of the right column inside a left segment.
        for r in doc.rows where r.segments.count > 1 {
            #expect(!r.segments[0].text.contains("Độc lập"))
        }
        // Page numbers are gone.
        #expect(!doc.rows.contains { $0.text.allSatisfy(\.isNumber) })
        #expect(doc.rows.allSatisfy { $0.marginLeft != nil && $0.marginRight != nil && $0.pageWidth != nil })
    }

    @Test func activityTableOf001() throws {
        guard let data = PDFTestFiles.shared("seeds/001/doc.pdf") else { return }
        let doc = try PDFDecoder.decode(data, options: .init(ocr: .never))
        #expect(doc.tables.count == 1)
        let table = try #require(doc.tables.first)
        #expect(table.page == 2)
        #expect(table.rows.count == 12)
        #expect(table.rows[0].map(\.text) == ["TT", "Nội dung hoạt động", "Đơn vị thực hiện", "Thời gian"])
        #expect(table.rows.dropFirst().map { $0[0].text } == (1...11).map(String.init))
        let last = table.rows.dropFirst().map { $0[3].text }
        #expect(last.prefix(5) == ["Đã thực hiện", "Đã thực hiện", "Trước ngày 30/5/2023", "Trước ngày 20/6/2023", "Trước ngày 30/6/2023"])
        #expect(last.last == "Tháng 12/2023")
        // Item 8 runs over the page break and stays one row.
        #expect(table.rows[8][1].text.hasSuffix("(11/6/1948 - 11/6/2023)"))
        #expect(table.rows[8][1].text.hasPrefix("Tiếp tục triển khai"))
        #expect(doc.row(containing: "III. TỔ CHỨC THỰC HIỆN") != nil)
        let closing = try #require(doc.row(containing: "Nơi nhận:"))
        #expect(closing.segments.map(\.text) == ["Nơi nhận:", "KHỐI TRƯỞNG"])
    }

    @Test(.enabled(if: PDFTestFiles.ocrAvailable))
    func scanIsRecognized() throws {
        guard let data = PDFTestFiles.shared("seeds/000/doc-scan.pdf") else { return }
        let doc = try PDFDecoder.decode(data, options: .init(ocr: .auto))
        #expect(doc.textLayer == .ocr)
        #expect(doc.allText.contains("KẾ HOẠCH"))
        #expect(doc.allText.contains("Bắc Kạn"))
        #expect((doc.ocrConfidence ?? 0) > 70)
        let kind = try #require(doc.row(containing: "KẾ HOẠCH"))
        #expect(kind.alignment == .center)
        let header = try #require(doc.row(containing: "CỘNG HÒA"))
        #expect(header.segments.count == 2)
    }
}

@Suite struct PDFRealDocumentTests {
    @Test(arguments: ["09", "10"])
    func brokenToUnicodeHasNoTextLayerWithoutOCR(_ n: String) throws {
        guard let data = PDFTestFiles.shared("corpus/raw/\(n).pdf") else { return }
        let doc = try PDFDecoder.decode(data, options: .init(ocr: .never))
        #expect(doc.textLayer == TextLayer.none)
        #expect(doc.blocks.isEmpty, "garbled text is not passed on")
        let d = try #require(doc.diagnostics.first)
        #expect(d.rule == "pdf-no-text-layer")
        #expect(d.message.contains("ToUnicode"))
    }

    @Test(arguments: ["01", "02", "15"])
    func signatureStampOnlyHasNoTextLayer(_ n: String) throws {
        guard let data = PDFTestFiles.shared("corpus/raw/\(n).pdf") else { return }
        let doc = try PDFDecoder.decode(data, options: .init(ocr: .never))
        #expect(doc.textLayer == TextLayer.none)
        #expect(doc.diagnostics.map(\.rule) == ["pdf-no-text-layer"])
    }

    @Test(arguments: ["05", "06", "07", "11", "13", "16", "17", "18", "19", "20"])
    func textLayersAreNative(_ n: String) throws {
        guard let data = PDFTestFiles.shared("corpus/raw/\(n).pdf") else { return }
        let doc = try PDFDecoder.decode(data, options: .init(ocr: .never))
        #expect(doc.textLayer == .native)
        #expect(doc.diagnostics.isEmpty)
        #expect(doc.blocks.count > 10)
    }

    @Test(.enabled(if: PDFTestFiles.ocrAvailable))
    func brokenToUnicodeIsRecognized() throws {
        guard let data = PDFTestFiles.shared("corpus/raw/10.pdf") else { return }
        let doc = try PDFDecoder.decode(data, options: .init(ocr: .auto))
        #expect(doc.textLayer == .ocr)
        #expect(doc.allText.contains("THÔNG BÁO"))
        #expect(doc.allText.contains("CÔNG THƯƠNG"))
    }
}

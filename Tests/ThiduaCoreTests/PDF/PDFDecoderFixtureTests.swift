import Foundation
import Testing
@testable import ThiduaCore

@Suite struct PDFDecoderFixtureTests {
    let doc: DecodedDocument

    init() throws {
        doc = try PDFDecoder.decode(try PDFTestFiles.fixture("two-column-header.pdf"), options: .init(ocr: .never))
    }

    @Test func textLayerAndPages() {
        #expect(doc.format == .pdf)
        #expect(doc.pageCount == 2)
        #expect(doc.textLayer == .native)
        #expect(doc.diagnostics.isEmpty)
    }

    @Test func headerColumnsAreSeparateSegments() throws {
        let first = try #require(doc.rows.first)
        #expect(first.segments.count == 2)
        #expect(first.segments[0].text == "UBND TỈNH BẮC KẠN")
        #expect(first.segments[1].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        let bolds = first.segments.map { $0.bold }
        #expect(bolds == [false, true])
        let x1 = try #require(first.segments[0].x1), x0 = try #require(first.segments[1].x0)
        #expect(x1 < x0)
        #expect(first.pageWidth.map { abs($0 - 595) < 1 } == true)

        let number = try #require(doc.row(containing: "Số: 112/KH-SNN"))
        #expect(number.segments.map(\.text) == ["Số: 112/KH-SNN", "Bắc Kạn, ngày tháng 11 năm 2021"],
                "a blank day to fill in stays inside its segment")
        // No segment holds text of both columns.
        for r in doc.rows {
            for s in r.segments { #expect(!(s.text.contains("UBND") && s.text.contains("CỘNG HÒA"))) }
        }
    }

    @Test func kindAndTitleAreCentred() throws {
        let kind = try #require(doc.row(containing: "KẾ HOẠCH"))
        #expect(kind.alignment == .center)
        #expect(kind.segments.allSatisfy { $0.bold })
        #expect(doc.row(containing: "Phát động phong trào thi đua năm 2022")?.alignment == .center)
        let body = try #require(doc.row(containing: "và PTNT về việc phát động"))
        #expect(body.alignment != .center)
        #expect(body.marginLeft.map { abs($0 - 70) < 3 } == true)
        #expect(doc.row(containing: "I. MỤC ĐÍCH YÊU CẦU")?.alignment == .left)
    }

    @Test func pageNumberIsDropped() {
        #expect(!doc.rows.contains { $0.text.trimmingCharacters(in: .whitespaces) == "2" })
    }

    @Test func activityTableMergesWrappedLines() throws {
        #expect(doc.tables.count == 1)
        let table = try #require(doc.tables.first)
        #expect(table.page == 2)
        #expect(table.rows.count == 4)
        #expect(table.rows[0].map(\.text) == ["TT", "Nội dung hoạt động", "Đơn vị thực hiện", "Thời gian"])
        #expect(table.rows.dropFirst().map { $0[0].text } == ["1", "2", "3"])
        #expect(table.rows[2][3].text == "Trước ngày 30/5/2022")
        #expect(table.rows[3][1].text == "Báo cáo sơ kết, đánh giá tình hình thực hiện các phong trào thi đua 06 tháng đầu năm")
        #expect(table.rows[3][1].segments.count == 3)
        // The table ends at the next section heading, which stays a row after it.
        let blocks = doc.blocks
        let t = try #require(blocks.firstIndex { if case .table = $0 { true } else { false } })
        guard case let .row(after) = blocks[t + 1] else { Issue.record("no row after the table"); return }
        #expect(after.text == "III. TỔ CHỨC THỰC HIỆN")
    }

    @Test func closingBlockColumns() throws {
        let r = try #require(doc.row(containing: "Nơi nhận:"))
        #expect(r.segments.map(\.text) == ["Nơi nhận:", "GIÁM ĐỐC"])
        #expect(doc.rows.last?.text == "Nguyễn Văn An")
    }
}

@Suite struct PDFDecoderErrorTests {
    @Test func encryptedNeedsPassword() throws {
        let data = try PDFTestFiles.fixture("encrypted.pdf")
        #expect(throws: ThiduaError(.pdfEncrypted, "encrypted PDF (needs a password)")) {
            try PDFDecoder.decode(data, options: .init())
        }
    }

    @Test func truncatedIsDamaged() throws {
        let data = try PDFTestFiles.fixture("truncated.pdf")
        let error = #expect(throws: ThiduaError.self) { try PDFDecoder.decode(data, options: .init()) }
        #expect(error?.code == .pdfDamaged)
        #expect(error.map { !$0.message.contains("\n") && $0.message.hasPrefix("damaged PDF") } == true)
    }

    @Test(arguments: [
        Data("%PDF".utf8),
        Data("%PDF-1.4\n".utf8) + Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }),
        Data("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R".utf8),
        Data("%PDF-1.4\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".utf8),
    ])
    func junkAfterHeaderIsAnErrorNotACrash(_ data: Data) {
        do {
            let doc = try PDFDecoder.decode(data, options: .init(ocr: .never))
            #expect(doc.blocks.isEmpty)
        } catch let e as ThiduaError {
            #expect(e.code == .pdfDamaged)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

@Suite struct PDFNoTextLayerTests {
    @Test func imageOnlyWithoutOCR() throws {
        let doc = try PDFDecoder.decode(try PDFTestFiles.fixture("image-only.pdf"), options: .init(ocr: .never))
        #expect(doc.textLayer == TextLayer.none)
        #expect(doc.blocks.isEmpty)
        #expect(doc.diagnostics.map(\.rule) == ["pdf-no-text-layer"])
        #expect(doc.diagnostics.first?.severity == .warning)
        #expect(doc.ocrConfidence == nil)
    }

    @Test(.enabled(if: PDFTestFiles.ocrAvailable)) func imageOnlyIsRecognized() throws {
        let doc = try PDFDecoder.decode(try PDFTestFiles.fixture("image-only.pdf"), options: .init(ocr: .auto))
        #expect(doc.textLayer == .ocr)
        #expect(doc.allText.contains("KẾ HOẠCH"))
        #expect((doc.ocrConfidence ?? 0) > 70)
        // OCR words go through the same layout: the header columns stay apart.
        let first = try #require(doc.row(containing: "UBND"))
        #expect(first.segments.count == 2)
        #expect(first.segments.last?.text.contains("CỘNG HÒA") == true)
        #expect(doc.row(containing: "KẾ HOẠCH")?.alignment == .center)
    }

    @Test(.enabled(if: PDFTestFiles.ocrAvailable)) func alwaysOCRsTextPages() throws {
        let doc = try PDFDecoder.decode(try PDFTestFiles.fixture("two-column-header.pdf"), options: .init(ocr: .always))
        #expect(doc.textLayer == .ocr)
        #expect(doc.allText.contains("Nơi nhận"))
    }
}

@Suite struct PDFDamageTests {
    /// Cut anywhere or with bytes overwritten, a PDF gives rows or `pdf-damaged`, never a crash.
    @Test func cutsAndCorruptionsNeverCrash() throws {
        let whole = try PDFTestFiles.fixture("two-column-header.pdf")
        var variants: [Data] = []
        for k in 1..<20 { variants.append(whole.prefix(whole.count * k / 20)) }
        var state: UInt64 = 0x9E3779B97F4A7C15
        for _ in 0..<20 {
            var d = whole
            for _ in 0..<40 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let i = 16 + Int(state >> 33) % (d.count - 16)
                d[i] = UInt8(truncatingIfNeeded: state >> 17)
            }
            variants.append(d)
        }
        var opened = 0
        for d in variants {
            do {
                _ = try PDFDecoder.decode(d, options: .init(ocr: .never))
                opened += 1
            } catch let e as ThiduaError {
                #expect(e.code == .pdfDamaged, "\(e)")
            }
        }
        #expect(opened > 0, "poppler repairs some of them")
    }
}

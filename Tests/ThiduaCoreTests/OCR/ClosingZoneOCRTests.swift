import Foundation
import Testing
@testable import ThiduaCore

@Suite struct ClosingZoneOCRTests {
    static func word(_ t: String, _ x: Int, _ y: Int, line: Int, width: Int = 60) -> OCRWord {
        OCRWord(text: t, left: x, top: y, right: x + width, bottom: y + 20, confidence: 90, line: line)
    }

    /// A closing zone as the page pass reads it: the list on the left, the signature on the right.
    static let page: [OCRWord] = [
        word("Căn", 100, 100, line: 0), word("cứ", 170, 100, line: 0, width: 900),
        word("Noi", 100, 1000, line: 1), word("nhân", 170, 1000, line: 1),
        word("KT.", 1300, 990, line: 2), word("CHỦ", 1370, 990, line: 2), word("TỊCH", 1440, 990, line: 2),
        word("-", 100, 1030, line: 3, width: 10), word("Văn", 120, 1030, line: 3), word("phòng", 190, 1030, line: 3, width: 500),
        word("Trần", 1300, 1200, line: 4), word("Văn", 1370, 1200, line: 4),
    ]

    @Test func theZoneOpensAtTheRecipientsHeadingReadWithoutMarks() throws {
        let zone = try #require(ClosingZoneOCR.find(in: Self.page, width: 1654, markers: [["noi", "nhan"]]))
        #expect(zone.top < 990 && zone.top > 900, "two lines above the heading: a signing prefix set higher is inside")
        #expect(zone.split > 690 && zone.split < 1300, "between the list and the signature block")
    }

    @Test func noHeadingNoZone() {
        let body = Self.page.filter { $0.text != "Noi" && $0.text != "nhân" }
        #expect(ClosingZoneOCR.find(in: body, width: 1654, markers: [["noi", "nhan"]]) == nil)
    }

    /// "Nơi nhận" in the right half is body text quoting it, not the list's heading.
    @Test func aHeadingInTheRightHalfIsNotTheZone() {
        let moved = Self.page.map { w -> OCRWord in
            var w = w
            if w.line == 1 { w.left += 1000; w.right += 1000 }
            return w
        }
        #expect(ClosingZoneOCR.find(in: moved, width: 1654, markers: [["noi", "nhan"]]) == nil)
    }

    @Test func theSplitIsTheWidestGapNearTheMiddle() {
        let words = [Self.word("a", 0, 0, line: 0, width: 700), Self.word("b", 1000, 0, line: 0, width: 400)]
        #expect(ClosingZoneOCR.gap(in: words, width: 1600) == 850)
        let covered = [Self.word("a", 0, 0, line: 0, width: 1600)]
        #expect(ClosingZoneOCR.gap(in: covered, width: 1600) == nil)
    }

    @Test func cropsAreClampedAndKeepTheirPixels() throws {
        let image = GrayImage(width: 4, height: 3, pixels: Array(0..<12).map(UInt8.init), dpi: 300)
        let crop = try #require(image.cropped(x0: 1, y0: 1, x1: 10, y1: 10))
        #expect(crop.width == 3 && crop.height == 2)
        #expect(crop.pixels == [5, 6, 7, 9, 10, 11])
        #expect(image.cropped(x0: 3, y0: 0, x1: 3, y1: 3) == nil)
    }

    @Test(.enabled(if: PDFTestFiles.ocrAvailable))
    func enlargingKeepsTheImageAndScalesItsResolution() throws {
        let image = GrayImage(width: 40, height: 20, pixels: [UInt8](repeating: 200, count: 800), dpi: 200)
        let big = try #require(LeptonicaImage.scaled(image, by: 2))
        #expect(big.width == 80 && big.height == 40)
        #expect(big.dpi == 400)
        #expect(big.pixels.allSatisfy { $0 == 200 })
    }
}

@Suite struct ScanClosingZoneTests {
    /// The closing zone of a 200 dpi scan gives the signer and the recipients the text gives.
    @Test(.enabled(if: PDFTestFiles.ocrAvailable))
    func aScansClosingZoneReadsLikeItsText() throws {
        let dir = TestSupport.fixtures.appendingPathComponent("seeds/001")
        let text = try TestSupport.pipeline.extract(path: dir.appendingPathComponent("doc.txt").path)
        let scan = try TestSupport.pipeline.extract(path: dir.appendingPathComponent("doc-scan.pdf").path)
        #expect(scan.source.textLayer == .ocr)
        #expect(scan.document.signer?.name == text.document.signer?.name)
        #expect(scan.document.signer?.title == text.document.signer?.title)
        #expect(scan.document.recipients.count == text.document.recipients.count)
        #expect(scan.document.recipients.first == text.document.recipients.first)
    }
}

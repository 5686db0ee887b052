import Foundation
import Testing
@testable import ThiduaCore

/// The geometry → rows code on hand-placed words (the unit: 13 pt high words).
@Suite struct LayoutTests {
    /// Words of `text` laid left to right from `x`, 6 pt per character, one space between words.
    static func words(_ text: String, x: Double, y: Double, h: Double = 13) -> [LayoutWord] {
        var out: [LayoutWord] = []
        var cursor = x
        for w in text.split(separator: " ") {
            let width = Double(w.count) * 6
            out.append(LayoutWord(text: String(w), x0: cursor, y0: y, x1: cursor + width, y1: y + h))
            cursor += width + 3.5
        }
        return out
    }

    static func page(_ words: [LayoutWord], number: Int = 1) -> LayoutPage {
        LayoutPage(number: number, width: 595, height: 842, words: words)
    }

    /// A page of table lines, 15 points apart: each line lists its cells' text and left edge
    /// (an empty text leaves the cell empty).
    static func tablePage(_ lines: [[(String, Double)]]) -> LayoutPage {
        var ws: [LayoutWord] = []
        for (k, cells) in lines.enumerated() {
            for (t, x) in cells where !t.isEmpty { ws += words(t, x: x, y: 100 + 15 * Double(k)) }
        }
        return page(ws)
    }

    @Test func twoColumnHeaderSplitsAtTheGutter() {
        let ws = Self.words("UBND TỈNH A", x: 90, y: 50) + Self.words("CỘNG HÒA XÃ HỘI", x: 300, y: 51)
            + Self.words("SỞ NỘI VỤ", x: 95, y: 65) + Self.words("Độc lập - Tự do", x: 320, y: 66)
            + Self.words("Số: 12/KH-SNV", x: 92, y: 85) + Self.words("A, ngày tháng 5 năm 2024", x: 310, y: 85)
        let lines = LineBuilder.lines(of: Self.page(ws))
        #expect(lines.map { $0.segments.map(\.text) } == [
            ["UBND TỈNH A", "CỘNG HÒA XÃ HỘI"], ["SỞ NỘI VỤ", "Độc lập - Tự do"], ["Số: 12/KH-SNV", "A, ngày tháng 5 năm 2024"],
        ])
    }

    @Test func fillInBlankStaysInItsSegment() {
        // "ngày" … 30 pt of blank … "tháng": wide, but no gutter runs through it.
        var ws = Self.words("Độc lập - Tự do - Hạnh phúc", x: 300, y: 60)
        ws += Self.words("A, ngày", x: 300, y: 80) + Self.words("tháng 5 năm 2024", x: 378, y: 80)
        ws += Self.words("KẾ HOẠCH", x: 270, y: 110)
        let lines = LineBuilder.lines(of: Self.page(ws))
        #expect(lines[1].segments.map(\.text) == ["A, ngày tháng 5 năm 2024"])
    }

    @Test func justifiedSpacesDoNotSplit() {
        var ws: [LayoutWord] = []
        for (i, x) in [85.0, 85, 85].enumerated() { ws += Self.words("một hai ba bốn năm sáu bảy tám chín mười", x: x, y: 200 + Double(i) * 16) }
        // Middle line stretched: 12 pt between two words.
        ws[12].x0 += 8.5; ws[12].x1 += 8.5
        let lines = LineBuilder.lines(of: Self.page(ws))
        #expect(lines.allSatisfy { $0.segments.count == 1 })
    }

    @Test func wordsOfDifferentSizesOnOneBaselineShareALine() {
        // 10 pt bold beside 12 pt bold: tops 2 pt apart, bottoms (baseline + descent) close.
        let ws = Self.words("Nơi nhận:", x: 70, y: 502, h: 12) + Self.words("GIÁM ĐỐC", x: 380, y: 500.5, h: 14)
        let lines = LineBuilder.lines(of: Self.page(ws))
        #expect(lines.count == 1)
        #expect(lines.first?.segments.map(\.text) == ["Nơi nhận:", "GIÁM ĐỐC"])
    }

    @Test func pageNumbers() {
        #expect(PageNoise.isPageNumber("2"))
        #expect(PageNoise.isPageNumber("- 12 -"))
        #expect(PageNoise.isPageNumber("Trang 3"))
        #expect(PageNoise.isPageNumber("3/5"))
        #expect(!PageNoise.isPageNumber(""))
        #expect(!PageNoise.isPageNumber("II. NỘI DUNG"))
        #expect(!PageNoise.isPageNumber("12345"))
        #expect(!PageNoise.isPageNumber("2025"), "a wrapped year")
    }

    @Test func runningHeaderAndPageNumberAreDropped() {
        var pages: [LayoutPage] = []
        for n in 1...3 {
            var ws = Self.words("Công báo tỉnh số \(n)", x: 200, y: 20)
            ws += Self.words("Nội dung trang \(n) của văn bản", x: 85, y: 300)
            ws += Self.words("\(n)", x: 295, y: 800)
            pages.append(Self.page(ws, number: n))
        }
        let blocks = DocumentLayout.blocks(pages)
        let texts = blocks.compactMap { if case let .row(r) = $0 { r.text } else { nil } }
        #expect(texts == (1...3).map { "Nội dung trang \($0) của văn bản" })
    }

    @Test func tableFromAlignedColumns() throws {
        let lines: [[(String, Double)]] = [
            [("TT", 72), ("Nội dung", 110), ("Đơn vị", 330), ("Thời gian", 450)],
            [("1", 75), ("Phát động thi đua", 110), ("Các sở", 330), ("Quý I", 450)],
            [("", 0), ("năm 2024", 110), ("ngành", 330), ("", 0)],
            [("2", 75), ("Sơ kết", 110), ("Khối trưởng", 330), ("Tháng 6", 450)],
            [("III. TỔ CHỨC THỰC HIỆN", 85)],
        ]
        let blocks = DocumentLayout.blocks([Self.tablePage(lines)])
        guard case let .table(t) = blocks.first else { Issue.record("no table first: \(blocks)"); return }
        #expect(t.rows.map { $0.map(\.text) } == [
            ["TT", "Nội dung", "Đơn vị", "Thời gian"],
            ["1", "Phát động thi đua năm 2024", "Các sở ngành", "Quý I"],
            ["2", "Sơ kết", "Khối trưởng", "Tháng 6"],
        ])
        #expect(t.rows[1][1].segments.count == 2)
        guard case let .row(r) = blocks.last else { Issue.record("heading not a row"); return }
        #expect(r.text == "III. TỔ CHỨC THỰC HIỆN")
    }

    @Test func numberedTableWhoseNumbersOCRDroppedStillSplitsItems() throws {
        let lines: [[(String, Double)]] = [
            [("TT", 72), ("Nội dung", 110), ("Đơn vị", 330), ("Thời gian", 450)],
            [("1", 75), ("Phát động thi đua", 110), ("Các đơn vị", 330), ("Đã thực hiện", 450)],
            [("", 0), ("và ký giao ước", 110), ("trong Khối", 330), ("", 0)],
            // Items 2 and 3: their numbers were not recognized.
            [("", 0), ("Xây dựng quy chế", 110), ("Khối trưởng", 330), ("Trước ngày", 450)],
            [("", 0), ("hoạt động", 110), ("", 0), ("30/5/2023", 450)],
            [("", 0), ("Báo cáo sơ kết", 110), ("Các đơn vị", 330), ("Trước 20/6/2023", 450)],
            // A wrapped line whose every column happens to open with a capital is still a wrap
            // when it fills fewer than three of them.
            [("", 0), ("Khối thi đua", 110), ("", 0), ("", 0)],
            [("4", 75), ("Tổng kết", 110), ("Khối trưởng", 330), ("Tháng 12", 450)],
        ]
        let blocks = DocumentLayout.blocks([Self.tablePage(lines)])
        guard case let .table(t) = blocks.first else { Issue.record("no table first: \(blocks)"); return }
        #expect(t.rows.map { $0.map(\.text) } == [
            ["TT", "Nội dung", "Đơn vị", "Thời gian"],
            ["1", "Phát động thi đua và ký giao ước", "Các đơn vị trong Khối", "Đã thực hiện"],
            ["", "Xây dựng quy chế hoạt động", "Khối trưởng", "Trước ngày 30/5/2023"],
            ["", "Báo cáo sơ kết Khối thi đua", "Các đơn vị", "Trước 20/6/2023"],
            ["4", "Tổng kết", "Khối trưởng", "Tháng 12"],
        ])
    }

    @Test func tableWithoutNumbersMergesLowercaseContinuations() throws {
        let lines: [[(String, Double)]] = [
            [("Nội dung", 80), ("Thời gian", 300), ("Đơn vị", 420)],
            [("Ban hành kế hoạch; rà soát", 80), ("Trước ngày", 300), ("Phòng Đào tạo;", 420)],
            [("danh sách sinh viên", 80), ("27/6/2026", 300), ("các khoa", 420)],
            [("Tổng hợp dữ liệu", 80), ("Trước ngày", 300), ("Trung tâm", 420)],
            [("và báo cáo", 80), ("15/7/2026", 300), ("", 0)],
        ]
        let blocks = DocumentLayout.blocks([Self.tablePage(lines)])
        guard case let .table(t) = blocks.first else { Issue.record("no table: \(blocks)"); return }
        #expect(t.rows.map { $0.map(\.text) } == [
            ["Nội dung", "Thời gian", "Đơn vị"],
            ["Ban hành kế hoạch; rà soát danh sách sinh viên", "Trước ngày 27/6/2026", "Phòng Đào tạo; các khoa"],
            ["Tổng hợp dữ liệu và báo cáo", "Trước ngày 15/7/2026", "Trung tâm"],
        ])
    }

    @Test func textLayerQuality() {
        func chars(_ s: String) -> [PDFChar] { s.unicodeScalars.map { PDFChar(scalar: $0, x0: 0, y0: 0, x1: 1, y1: 1, font: -1) } }
        let good = String(repeating: "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022; ", count: 4)
        let garbled = String(repeating: "6Ӣ CÔNG 7+ѬѪ1* .ӂ +2Ҥ&+ Quy ÿӏQK pháp OXұW trong sӱ dөng và ", count: 3)
        let tcvn3 = String(repeating: "ng©n hµng nhµ n−íc viÖt nam céng hoµ x∙ héi chñ nghÜa ", count: 3)
        #expect(TextLayerQuality.assess(chars(good), imageCoverage: { 1 }) == .usable)
        #expect(TextLayerQuality.assess(chars(garbled), imageCoverage: { 0 }) == .garbled)
        #expect(TextLayerQuality.assess(chars(tcvn3), imageCoverage: { 0 }) == .usable, "legacy encodings are the Repair stage's")
        #expect(TextLayerQuality.assess(chars("Ký bởi: Sở Nội vụ"), imageCoverage: { 0.95 }) == .missing)
        #expect(TextLayerQuality.assess(chars("Nguyễn Văn A"), imageCoverage: { 0 }) == .usable)
        #expect(TextLayerQuality.assess([], imageCoverage: { 0 }) == .blank)
        #expect(TextLayerQuality.assess([], imageCoverage: { 1 }) == .missing)
    }
}

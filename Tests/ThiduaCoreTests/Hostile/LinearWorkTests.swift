import Foundation
import Testing
import ZIPFoundation
@testable import ThiduaCore

/// Ten times the input costs at most about ten times the work, for every format and for
/// the shapes that once went quadratic (long lines, blank runs, spans, attribute lists,
/// nesting, marks). Time is the calling thread's CPU time (other processes on a shared
/// machine do not count), the fastest of a few runs; the bound, 30×, is three times the
/// linear 10× and a third of the quadratic 100×, so noise does not fail it and a
/// quadratic pass cannot hide under it.
@Suite(.serialized) struct LinearWorkTests {
    static let bound = 30.0

    @Test(arguments: ScalingShape.allCases)
    func tenTimesTheInputCostsAboutTenTimesTheTime(_ shape: ScalingShape) throws {
        let small = try shape.document(units: shape.units)
        let large = try shape.document(units: shape.units * 10)
        if shape.format != .docx, shape.format != .odt {   // ZIPs: compressed sizes say little
            #expect(large.count >= small.count * 8, "\(shape): the large input is not ten times the small one")
        }
        _ = try? TestSupport.pipeline.extract(data: small, file: "warm-up")
        let t1 = Self.fastestCPUSeconds(runs: 3) { _ = try? TestSupport.pipeline.extract(data: small, file: "small") }
        let t10 = Self.fastestCPUSeconds(runs: 2) { _ = try? TestSupport.pipeline.extract(data: large, file: "large") }
        let ratio = t10 / max(t1, 1e-4)
        print("scaling \(shape): \(small.count) B \(Int(t1 * 1000)) ms, \(large.count) B \(Int(t10 * 1000)) ms, ×\(Double(Int(ratio * 10)) / 10)")
        #expect(ratio < Self.bound, "\(shape): \(small.count) B in \(t1) s, \(large.count) B in \(t10) s (×\(ratio))")
    }

    /// Every shape gives a record (not a refusal), so the time measured is the whole cascade's.
    @Test(arguments: ScalingShape.allCases)
    func everyShapeIsExtracted(_ shape: ScalingShape) throws {
        let record = try TestSupport.pipeline.extract(data: try shape.document(units: shape.units), file: "x")
        #expect(record.source.format == shape.format)
    }

    /// The fastest of a few runs: interruptions only ever add time.
    static func fastestCPUSeconds(runs: Int, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<runs {
            let start = threadCPUSeconds()
            body()
            best = min(best, threadCPUSeconds() - start)
        }
        return best
    }

    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// Documents of a size given in units, each shape stressing one thing.
enum ScalingShape: String, CaseIterable, CustomStringConvertible, Sendable {
    case textPlan, textLongLine, textTable, textBlankRuns, textMarks
    case htmlSpans, htmlAttributes, htmlNesting, docx, odt, pdf

    var description: String { rawValue }

    /// Units of the small input: about 20–60 ms of a debug build's work.
    var units: Int {
        switch self {
        case .textPlan, .textTable, .docx, .odt: return 30
        case .textLongLine, .textBlankRuns, .textMarks: return 20
        case .htmlSpans, .htmlAttributes, .htmlNesting: return 20
        case .pdf: return 2
        }
    }

    var format: DocumentFormat {
        switch self {
        case .textPlan, .textLongLine, .textTable, .textBlankRuns, .textMarks: return .text
        case .htmlSpans, .htmlAttributes, .htmlNesting: return .html
        case .docx: return .docx
        case .odt: return .odt
        case .pdf: return .pdf
        }
    }

    func document(units n: Int) throws -> Data {
        switch self {
        case .textPlan: return Data(ScalingText.plan(body: (0..<n).map(ScalingText.item).joined(separator: "\n")).utf8)
        case .textLongLine: return Data(ScalingText.plan(body: (0..<n * 20).map(ScalingText.sentence).joined(separator: " ")).utf8)
        case .textTable: return Data(ScalingText.plan(body: ScalingText.tabTable(rows: n * 3)).utf8)
        case .textBlankRuns: return Data(ScalingText.plan(body: (0..<n).map { ScalingText.item($0) + String(repeating: "\r", count: 500) }.joined()).utf8)
        case .textMarks: return Data(ScalingText.plan(body: (0..<n).map { ScalingText.item($0) + " KẾ" + String(repeating: "\u{0301}", count: 200) }.joined(separator: "\n")).utf8)
        case .htmlSpans: return ScalingHTML.page(ScalingHTML.spanTable(rows: n * 3))
        case .htmlAttributes: return ScalingHTML.page((0..<n).map { ScalingHTML.attributeFlood($0) }.joined())
        case .htmlNesting: return ScalingHTML.page((0..<n).map { ScalingHTML.nested($0, depth: 200) }.joined())
        case .docx: return try ScalingOffice.docx(paragraphs: (0..<n).map(ScalingText.item), tableRows: n * 2)
        case .odt: return try ScalingOffice.odt(paragraphs: (0..<n).map(ScalingText.item), tableRows: n * 2)
        case .pdf: return ScalingPDF.document(pages: n, lines: (0..<n * 40).map { "Muc \($0): bao cao truoc ngay 15/\($0 % 12 + 1)/2025 theo Ke hoach so \($0)/KH-UBND." })
        }
    }
}

enum ScalingText {
    static let header = """
        ỦY BAN NHÂN DÂN TỈNH BẮC KẠN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        SỞ NÔNG NGHIỆP VÀ PTNT\tĐộc lập - Tự do - Hạnh phúc
        Số: 56/KH-SNN\tBắc Kạn, ngày 12 tháng 3 năm 2024

        KẾ HOẠCH
        Tổ chức phong trào thi đua “Nông thôn mới” năm 2024

        """
    static let closing = "\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\n\nHà Sỹ Huân\n"

    static func plan(body: String) -> String { header + body + closing }

    static func item(_ i: Int) -> String {
        "\(i + 1). Thực hiện Chỉ thị số \(i + 7)/CT-UBND ngày 16/11/2021 của Ủy ban nhân dân tỉnh; "
            + "Sở Nội vụ chủ trì, báo cáo kết quả trước ngày \(i % 28 + 1)/\(i % 12 + 1)/2024."
    }

    static func sentence(_ i: Int) -> String { "Nội dung \(i) thực hiện trong Quý \(i % 4 + 1) năm 2024, theo Kế hoạch số \(i)/KH-UBND." }

    static func tabTable(rows: Int) -> String {
        (["TT\tNội dung\tĐơn vị chủ trì\tThời gian"] + (0..<rows).map { "\($0 + 1)\tTổ chức hội nghị sơ kết \($0)\tSở Nội vụ\tTháng \($0 % 12 + 1)/2024" })
            .joined(separator: "\n")
    }
}

enum ScalingHTML {
    static func page(_ body: String) -> Data {
        let lines = ScalingText.header.split(separator: "\n", omittingEmptySubsequences: false).map { "<p>\($0)</p>" }.joined()
        return Data("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\(lines)\(body)<p>GIÁM ĐỐC</p><p>Hà Sỹ Huân</p></body></html>".utf8)
    }

    static func spanTable(rows: Int) -> String {
        let cells = (0..<rows).map { i in
            "<tr><td rowspan=\"1000\">\(i + 1)</td><td colspan=\"50\">\(ScalingText.item(i))</td><td>Sở Nội vụ</td></tr>"
        }
        return "<table>" + cells.joined() + "</table>"
    }

    static func attributeFlood(_ i: Int) -> String {
        "<p " + (0..<900).map { "a\($0)=\"\($0)\"" }.joined(separator: " ") + ">\(ScalingText.item(i))</p>"
    }

    static func nested(_ i: Int, depth: Int) -> String {
        String(repeating: "<div>", count: depth) + ScalingText.item(i) + String(repeating: "</div>", count: depth)
    }
}

enum ScalingOffice {
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    static func docx(paragraphs: [String], tableRows: Int) throws -> Data {
        let p = (ScalingText.header.split(separator: "\n").map(String.init) + paragraphs).map { "<w:p><w:r><w:t>\(escape($0))</w:t></w:r></w:p>" }
        let cell = { (s: String) in "<w:tc><w:p><w:r><w:t>\(escape(s))</w:t></w:r></w:p></w:tc>" }
        let rows = (0..<tableRows).map { "<w:tr>\(cell(String($0 + 1)))\(cell("Hội nghị \($0)"))\(cell("Tháng \($0 % 12 + 1)/2024"))</w:tr>" }
        let body = p.joined() + "<w:tbl>" + rows.joined() + "</w:tbl>"
        let document = #"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#
            + body + "</w:body></w:document>"
        return try zip([
            ("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#),
            ("word/document.xml", document),
        ])
    }

    static func odt(paragraphs: [String], tableRows: Int) throws -> Data {
        let p = (ScalingText.header.split(separator: "\n").map(String.init) + paragraphs).map { "<text:p>\(escape($0))</text:p>" }
        let cell = { (s: String) in "<table:table-cell><text:p>\(escape(s))</text:p></table:table-cell>" }
        let rows = (0..<tableRows).map { "<table:table-row>\(cell(String($0 + 1)))\(cell("Hội nghị \($0)"))\(cell("Tháng \($0 % 12 + 1)/2024"))</table:table-row>" }
        let content = #"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>"#
            + p.joined() + "<table:table>" + rows.joined() + "</table:table></office:text></office:body></office:document-content>"
        return try zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", content)])
    }

    struct ZipFailed: Error {}

    static func zip(_ parts: [(String, String)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw ZipFailed() }
        return data
    }
}

/// A plain PDF of Helvetica text lines, offsets computed, no library needed.
enum ScalingPDF {
    static func document(pages: Int, lines: [String]) -> Data {
        let perPage = max(1, (lines.count + pages - 1) / pages)
        var objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
        var kids: [String] = []
        for p in 0..<pages {
            let chunk = lines.dropFirst(p * perPage).prefix(perPage)
            let text = chunk.enumerated().map { "1 0 0 1 50 \(800 - $0.offset * 18) Tm (\($0.element)) Tj" }.joined(separator: "\n")
            let stream = "BT /F1 10 Tf\n\(text)\nET"
            objects.append("<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream")
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents \(objects.count) 0 R >>")
            kids.append("\(objects.count) 0 R")
        }
        objects[1] = "<< /Type /Pages /Kids [\(kids.joined(separator: " "))] /Count \(pages) >>"
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, o) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(o)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n" + offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }
}

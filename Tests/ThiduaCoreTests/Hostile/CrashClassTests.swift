import Foundation
import Testing
@testable import ThiduaCore

/// Inputs that once stopped the whole process (a trap, endless recursion, a hang):
/// each now ends in a record or one coded error.
@Suite struct CrashClassTests {
    // MARK: Fold.key and combining marks

    @Test func foldKeyOfAMarkNFCCannotCompose() {
        // "KẾ" + U+0301: NFC keeps the extra acute, which once sent Fold.key back into itself forever.
        let s = "K\u{1EBE}\u{0301} HO\u{1EA0}CH"
        #expect(Fold.key(s) == "k\u{1EBF}\u{0301} ho\u{1EA1}ch")
        #expect(Fold.key(Substring(s)) == Fold.key(s))
        #expect(Fold.ascii(s) == "ke hoach")
    }

    @Test func textWithAnExtraCombiningAcuteGivesARecord() throws {
        let file = TestSupport.fixtures.appendingPathComponent("hostile/extra-combining-acute.txt")
        let record = try TestSupport.pipeline.extract(path: file.path)
        #expect(record.source.format == .text)
    }

    // MARK: numbers from files as Int

    @Test(arguments: [Double.nan, .infinity, -.infinity, 1e300, -1e300, 9.3e18, 42.4])
    func clampedIntNeverTraps(_ x: Double) {
        let i = x.clampedInt
        #expect(abs(i) <= 1 << 52)
        if x == 42.4 { #expect(i == 42) }
        if x.isNaN { #expect(i == 0) }
        if x > 1e18 { #expect(i == 1 << 52) }
    }

    @Test func pageMarginsOfHugeCoordinates() {
        let huge: [Double] = [1e300, .infinity, -.infinity, .nan, 4e18, 72, 72, 72]
        let lines = huge.map {
            LayoutLine(page: 1, top: $0, bottom: $0 + 10, unit: 10,
                       segments: [LayoutSegment(text: "x", x0: $0, x1: $0 + 10, bold: false, font: nil)])
        }
        _ = PageMargins.estimate(lines, minVotes: 1)
        #expect(Double.nan.int32(in: 1...100) == nil)
        #expect(3e9.int32(in: 1...19_999) == nil)
        #expect(150.0.int32(in: 1...19_999) == 150)
    }

    // MARK: image sizes

    @Test func scanClaimingTwoBillionPixelsASideIsRefused() throws {
        let data = try Data(contentsOf: TestSupport.fixtures.appendingPathComponent("hostile/huge-image-scan.pdf"))
        #expect(thiduaCode { _ = try PDFDecoder.decode(data, options: .init(ocr: .auto)) } == .tooLarge)
    }

    @Test func ordinaryScanSizeIsReadOffTheBytes() throws {
        let data = try Data(contentsOf: TestSupport.fixtures.appendingPathComponent("pdf/image-only.pdf"))
        let size = try #require(ImageSizeCheck.largest(data))
        #expect(size.width == 1239 && size.height == 1754)
        #expect(thiduaCode { try ImageSizeCheck.check(data) } == nil)
        // A reference is not a size.
        #expect(ImageSizeCheck.largest(Data("<< /Width 12 0 R /Height 99999999 >>".utf8)) == nil)
    }

    // MARK: ZIP central directory

    /// Offset of the end-of-central-directory record.
    static func eocd(_ b: [UInt8]) -> Int {
        var i = b.count - 22
        while i >= 0, !(b[i] == 0x50 && b[i + 1] == 0x4B && b[i + 2] == 5 && b[i + 3] == 6) { i -= 1 }
        return i
    }

    static func put32(_ b: inout [UInt8], _ at: Int, _ v: UInt32) {
        for k in 0..<4 { b[at + k] = UInt8((v >> (8 * UInt32(k))) & 0xFF) }
    }

    static func get32(_ b: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(b[at + $1]) << (8 * UInt32($1)) }
    }

    /// Each mutation names a field of the central directory and the value written into it.
    @Test(arguments: [
        "eocd.cdOffset=beyond", "eocd.cdSize=huge", "eocd.cdOffset=late", "entry.localOffset=beyond",
        "entry.localOffset=into-cd", "entry.compressed=huge", "entry.localOffset=shifted", "eocd.comment=lying",
        "eocd.entries=mismatch",
    ])
    func mutatedCentralDirectoryIsDamagedNotATrap(_ mutation: String) throws {
        var b = [UInt8](try OfficeFixtures.fixture("docx/layout-tables.docx"))
        let e = Self.eocd(b)
        let cd = Int(Self.get32(b, e + 16))
        switch mutation {
        case "eocd.cdOffset=beyond": Self.put32(&b, e + 16, UInt32(b.count + 1000))
        case "eocd.cdSize=huge": Self.put32(&b, e + 12, 0x7FFF_FFF0)
        case "eocd.cdOffset=late": Self.put32(&b, e + 16, UInt32(cd + 7))
        case "entry.localOffset=beyond": Self.put32(&b, cd + 42, UInt32(b.count - 10))
        case "entry.localOffset=into-cd": Self.put32(&b, cd + 42, UInt32(cd + 2))
        case "entry.compressed=huge": Self.put32(&b, cd + 20, 0x0FFF_FFFF)
        case "entry.localOffset=shifted": Self.put32(&b, cd + 42, 3)
        case "eocd.comment=lying": b[e + 20] = 0x40
        case "eocd.entries=mismatch": b[e + 8] = b[e + 8] &+ 1
        default: Issue.record("unknown mutation \(mutation)")
        }
        let data = Data(b)
        let code = thiduaCode { _ = try DOCXDecoder.decode(data) }
        #expect(code == .zipDamaged || code == .zipBomb, "\(mutation): \(String(describing: code))")
    }

    @Test func everySingleByteOfTheCentralDirectoryMayLie() throws {
        // Sweep: each byte of the central directory and end record set to 0xFF in turn.
        let original = [UInt8](try OfficeFixtures.fixture("docx/footnote.docx"))
        let start = Int(Self.get32(original, Self.eocd(original) + 16))
        var outcomes: Set<String> = []
        for i in start..<original.count {
            var b = original
            b[i] = b[i] == 0xFF ? 0x00 : 0xFF
            let data = Data(b)
            do {
                _ = try DOCXDecoder.decode(data)
                outcomes.insert("record")
            } catch let e as ThiduaError {
                outcomes.insert(e.code.rawValue)
            }
        }
        #expect(outcomes.contains("zip-damaged"))
        #expect(!outcomes.contains("internal"))
    }

    // MARK: markup size

    @Test func htmlElementWithAHundredThousandAttributes() throws {
        var s = "<html><body><p"
        for k in 0..<100_000 { s += " a\(k)=\"\(k)\"" }
        s += ">KẾ HOẠCH</p></body></html>"
        let data = Data(s.utf8)
        #expect(thiduaCode { _ = try HTMLDecoder.decode(data) } == .tooLarge)
    }

    @Test func attributesWithoutValuesCountToo() throws {
        let s = "<html><body><td " + String(repeating: "x ", count: 5000) + ">KẾ HOẠCH</td></body></html>"
        #expect(thiduaCode { _ = try HTMLDecoder.decode(Data(s.utf8)) } == .tooLarge)
    }

    @Test func attributeLikeTextInScriptsIsNotCounted() throws {
        let script = "<script>if (a <b " + String(repeating: "c ", count: 5000) + "</script>"
        let s = "<html><head>\(script)</head><body><p class=\"x\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p></body></html>"
        let doc = try HTMLDecoder.decode(Data(s.utf8))
        #expect(doc.blocks.contains { if case let .row(r) = $0 { return r.text.contains("CỘNG HÒA") }; return false })
    }

    @Test func xmlPartWithAHundredThousandAttributes() throws {
        var s = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p"
        for k in 0..<100_000 { s += " a\(k)=\"1\"" }
        s += "/></w:body></w:document>"
        #expect(thiduaCode { _ = try MarkupDocument.xml(Data(s.utf8), part: "word/document.xml", kind: "DOCX") } == .tooLarge)
    }

    @Test func hugeRowAndColumnSpansStayBounded() throws {
        var s = "<html><body><table>"
        for r in 0..<200 {
            s += "<tr><td rowspan=\"2147483647\" colspan=\"99999999999\">\(r)</td><td rowspan=\"1000\">x</td></tr>"
        }
        s += "</table></body></html>"
        let doc = try HTMLDecoder.decode(Data(s.utf8))
        var cells = 0
        for block in doc.blocks {
            if case let .table(t) = block { cells += t.rows.reduce(0) { $0 + $1.count } }
            if case .row = block { cells += 1 }
        }
        #expect(cells > 0 && cells < 200 * 200)
    }

    // MARK: linear work

    @Test func blankLinesAfterATableAreLinear() throws {
        // A mutant of seeds/001/doc.txt: its activity table, then 100,000 carriage returns on one
        // line; each blank line once looked ahead through all the others (minutes of work).
        let file = TestSupport.fixtures.appendingPathComponent("hostile/table-then-100k-carriage-returns.txt")
        let doc = try TextDecoder.decode(try Data(contentsOf: file))
        #expect(doc.blocks.contains { if case .table = $0 { return true }; return false })
    }

    // MARK: encodings

    @Test func strayByteInUTF8TextIsAReplacementCharacter() throws {
        let file = TestSupport.fixtures.appendingPathComponent("text/plan-clean.txt")
        var bytes = [UInt8](try Data(contentsOf: file))
        let at = bytes.count / 2
        // Between two lines: no UTF-8 sequence is cut.
        let newline = bytes[at...].firstIndex(of: 0x0A)! + 1
        bytes.insert(0xFF, at: newline)
        let clean = try TestSupport.pipeline.extract(data: try Data(contentsOf: file), file: "clean.txt")
        let record = try TestSupport.pipeline.extract(data: Data(bytes), file: "stray.txt")
        #expect(record.source.encoding == "utf-8")
        #expect(record.document.title == clean.document.title)
        #expect(record.document.number == clean.document.number)
        #expect(record.diagnostics.contains { $0.rule == "encoding-invalid-bytes" })
        #expect(!clean.diagnostics.contains { $0.rule == "encoding-invalid-bytes" })
    }

    @Test func legacyBytesAreStillLegacy() throws {
        let file = TestSupport.fixtures.appendingPathComponent("text/tcvn3.txt")
        let record = try TestSupport.pipeline.extract(path: file.path)
        #expect(record.source.encoding == "tcvn3")
        #expect(!record.diagnostics.contains { $0.rule == "encoding-invalid-bytes" })
    }

    @Test(arguments: ["TCVN3", "windows-1258", "VISCII", "utf-16", "iso-8859-1"])
    func htmlMetaCharsetThatLiesIsCheckedAgainstTheBytes(_ declared: String) throws {
        let page = try OfficeFixtures.fixture("html/portal-page.html")
        var s = String(decoding: page, as: UTF8.self)
        if let r = s.range(of: #"charset=["']?[\w-]+"#, options: .regularExpression) {
            s.replaceSubrange(r, with: "charset=\(declared)")
        } else {
            s = "<meta charset=\"\(declared)\">" + s
        }
        let honest = try TestSupport.pipeline.extract(data: page, file: "page.html")
        let lying = try TestSupport.pipeline.extract(data: Data(s.utf8), file: "page.html")
        #expect(lying.source.encoding == "utf-8")
        #expect(lying.document.title == honest.document.title)
        #expect(lying.document.title != nil)
        // TCVN3 is no charset libxml2 knows: the page is read as UTF-8 without a word.
        if declared != "TCVN3" { #expect(lying.diagnostics.contains { $0.rule == "charset-declared-wrong" }) }
    }

    @Test func honestLegacyCharsetIsKept() throws {
        let page = try OfficeFixtures.fixture("html/windows-1258.html")
        let doc = try HTMLDecoder.decode(page)
        #expect(doc.encoding != "utf-8")
        #expect(doc.diagnostics.isEmpty)
    }
}

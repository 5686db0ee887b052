import Foundation
import Testing
@testable import ThiduaCore

@Suite struct LegacyDecodeBytesTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: LegacySupport.fixtures.appendingPathComponent(name))
    }

    static func truth() throws -> String {
        try #require(String(data: try fixture("vietnamese-unicode.txt"), encoding: .utf8))
    }

    /// Byte files written by independent encoders (iconv for VISCII, Python's cp1258 with the
    /// tone mark split off, hand tables for TCVN3 and VNI).
    @Test(arguments: [("tcvn3.txt", "tcvn3"), ("vni.txt", "vni"), ("viscii.txt", "viscii"), ("windows-1258.txt", "windows-1258")])
    func fixtureBytesDecodeToTheUnicodeText(file: String, encoding: String) throws {
        let data = try Self.fixture(file)
        #expect(String(data: data, encoding: .utf8) == nil)
        let decoded = try #require(LegacyEncoding.decodeBytes(data))
        #expect(decoded.encoding == encoding)
        #expect(decoded.text == (try Self.truth()))
    }

    static let sentences = [
        "Thực hiện Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ về việc phát động thi đua.",
        "Nâng cao nhận thức về vị trí, vai trò, ý nghĩa to lớn và hiệu quả thiết thực của việc khen thưởng.",
        "Quyết định này có hiệu lực kể từ ngày ký; người đứng đầu các cơ quan chịu trách nhiệm thi hành.",
        "Đẩy mạnh ứng dụng khoa học, chuyển đổi số, bảo vệ môi trường, phòng chống thiên tai và dịch bệnh.",
    ]

    @Test(arguments: ["tcvn3", "vni", "viscii", "windows-1258"])
    func roundTrip(encoding: String) throws {
        let text = Self.sentences.joined(separator: "\n") + "\n" + (try Self.truth())
        let data: Data? = switch encoding {
        case "tcvn3": LegacyCodecs.encodeTCVN3(text)
        case "vni": LegacyCodecs.encodeVNI(text)
        case "viscii": LegacyCodecs.encodeSingle(text, inverse: LegacyCodecs.visciiInverse)
        default: LegacyCodecs.encodeWindows1258(text)
        }
        let bytes = try #require(data)
        let decoded = try #require(LegacyEncoding.decodeBytes(bytes))
        #expect(decoded.encoding == encoding)
        #expect(decoded.text == text)
    }

    @Test func everyVietnameseLetterRoundTripsThroughEachCodec() throws {
        let vowels = "aăâeêioôơuưy"
        var letters = "đĐ"
        for v in vowels {
            for tone in ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"] {
                let l = (String(v) + tone).precomposedStringWithCanonicalMapping
                letters += l + l.uppercased()
            }
        }
        #expect(LegacyCodecs.decodeVNI([UInt8](try #require(LegacyCodecs.encodeVNI(letters)))) == letters)
        #expect(LegacyCodecs.decodeWindows1258([UInt8](try #require(LegacyCodecs.encodeWindows1258(letters)))) == letters)
        let viscii = try #require(LegacyCodecs.encodeSingle(letters, inverse: LegacyCodecs.visciiInverse))
        #expect(LegacyCodecs.decodeSingle(viscii, table: LegacyTables.viscii) == letters)
        // TCVN3 keeps case only for Ă Â Ê Ô Ơ Ư Đ.
        let tcvn3 = try #require(LegacyCodecs.encodeTCVN3(letters))
        #expect(LegacyCodecs.decodeSingle(tcvn3, table: LegacyTables.tcvn3).lowercased() == letters.lowercased())
    }

    /// Large files are judged on a sample of whole lines, then decoded whole.
    @Test func largeFilesDecodeWhole() throws {
        let truth = try Self.truth()
        let text = Array(repeating: truth, count: 30).joined(separator: "\n")
        let bytes = try #require(LegacyCodecs.encodeVNI(text))
        #expect(bytes.count > 16_000)
        let decoded = try #require(LegacyEncoding.decodeBytes(bytes))
        #expect(decoded.encoding == "vni")
        #expect(decoded.text == text)
    }

    @Test func latinTextFallsBackToWindows1252() throws {
        let text = "Caf\u{E9} cr\u{E8}me, na\u{EF}ve fa\u{E7}ade \u{2013} \u{A9} 2024 \u{AB}r\u{E9}sum\u{E9}\u{BB}"
        let data = try #require(text.data(using: .windowsCP1252))
        let decoded = try #require(LegacyEncoding.decodeBytes(data))
        #expect(decoded.encoding == "windows-1252")
        #expect(decoded.text == text)
    }

    /// glibc's TCVN5712-1 puts capitals in 0x80–0x9F: TCVN3 bytes must not be read that way.
    @Test func tcvn3IsNotGlibcTCVN() throws {
        let bytes = try #require(LegacyCodecs.encodeTCVN3("kế hoạch thi đua năm"))
        #expect(LegacyEncoding.decodeBytes(bytes)?.text == "kế hoạch thi đua năm")
    }
}

@Suite struct LegacyRepairTests {
    static func fixtureText(_ name: String) throws -> String {
        try String(contentsOf: LegacySupport.fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    @Test(arguments: [("tcvn3-garbled.txt", "tcvn3"), ("tcvn3-pdf-glyphs.txt", "tcvn3"), ("vni-garbled.txt", "vni"), ("viscii-garbled.txt", "viscii")])
    func garbledFixturesRepairExactly(file: String, encoding: String) throws {
        let truth = try Self.fixtureText("vietnamese-unicode.txt")
        let repaired = LegacyEncoding.repairIfGarbled(LegacySupport.document(try Self.fixtureText(file)))
        #expect(repaired.encoding == encoding)
        let out = LegacySupport.text(repaired)
        #expect(out == truth, "\(LegacySupport.diffLines(out, truth).prefix(3))")
    }

    @Test func ordinaryVietnameseIsLeftAlone() throws {
        let truth = try Self.fixtureText("vietnamese-unicode.txt")
        let extra = "Điều 5 § 2: nhiệt độ 25°C ± 2, liều 100 µg; « Kế hoạch » — giá ½ ¼; C++ (a^b)."
        let doc = LegacySupport.document(truth + "\n" + extra)
        let out = LegacyEncoding.repairIfGarbled(doc)
        #expect(out.encoding == "utf-8")
        #expect(out.blocks == doc.blocks)
    }

    /// A broken text layer (glyph ids shifted, not a legacy encoding) and stray symbols.
    @Test func strayLegacyLookingCharactersAreLeftAlone() {
        let lines = ["Ĉ2¬1 ӆ0 TRA", "T/M. Ĉ2¬1 .,ӆ0 TRA", "7KӵF KLӋQ 4X\\ӃW ÿӏQK Vӕ \u{14}4Ĉ6&7", "Km26+793÷ Km30+00 ÷",
                     "\t\t\u{A0}", " » ", "« Điều 5 » § 2 ©"]
        let doc = LegacySupport.document(lines.joined(separator: "\n"))
        let out = LegacyEncoding.repairIfGarbled(doc)
        #expect(out.encoding == "utf-8")
        #expect(out.blocks == doc.blocks)
    }

    @Test func unicodeInALegacyFontIsLeftAlone() throws {
        let truth = try Self.fixtureText("vietnamese-unicode.txt")
        for font in [".VnTime", ".VnTimeH", "VNI-Times", "ABCDEF+.VnArialH,Bold"] {
            let doc = LegacySupport.document(truth, font: font)
            let out = LegacyEncoding.repairIfGarbled(doc)
            #expect(out.encoding == "utf-8", "\(font)")
            #expect(out.blocks == doc.blocks, "\(font)")
        }
    }

    @Test func capitalsComeFromTheCapitalFont() {
        let doc = DecodedDocument(format: .pdf, blocks: [
            .row(Row(segments: [Segment("ng©n hµng nhµ n−íc", font: "FBHPFO+VnTimeHBold"), Segment("céng hoµ x∙ héi chñ nghÜa viÖt nam", font: "BADEPR+.VnTimeH,Bold")])),
            .row(Row(segments: [Segment("§éc lËp - Tù do - H¹nh phóc", font: "BADEPR+.VnTime,Bold")])),
            .row(Row(segments: [Segment("Hµ Néi, ngµy 20 th¸ng 02 n¨m 2006", font: "FBHPEM+VnTime")])),
        ])
        let out = LegacyEncoding.repairIfGarbled(doc)
        #expect(out.encoding == "tcvn3")
        #expect(LegacySupport.text(out) == "NGÂN HÀNG NHÀ NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 20 tháng 02 năm 2006")
    }

    @Test func capitalsComeFromCapitalNeighbours() {
        let lines = ["KÕ HO¹CH", "KÕ ho¹ch thi ®ua n¨m 2021", "Sè: 112/KH-SNN", "GI¸M §èC Së NN Vµ PTNT",
                     "- Vô TCCB, Bé NN vµ PTNT (®Ó b/c);", "ñY BAN NH¢N D¢N TØNH", "Giao cho ñy ban nh©n d©n huyÖn. ë ®©y kh«ng cã."]
        let out = LegacySupport.text(LegacyEncoding.repairIfGarbled(LegacySupport.document(lines.joined(separator: "\n"))))
        #expect(out == ["KẾ HOẠCH", "Kế hoạch thi đua năm 2021", "Số: 112/KH-SNN", "GIÁM ĐỐC SỞ NN VÀ PTNT",
                        "- Vụ TCCB, Bộ NN và PTNT (để b/c);", "ỦY BAN NHÂN DÂN TỈNH", "Giao cho Ủy ban nhân dân huyện. Ở đây không có."].joined(separator: "\n"))
    }

    /// Converters that drop U+00AD as invisible lose TCVN3's ư; before ơ it can be put back.
    @Test func droppedSoftHyphenBeforeHornedO() {
        let doc = LegacySupport.document("QUYÕT §ÞNH CñA Bé TR\u{AD}ëNG\nCh¬ng tr×nh hîp t¸c víi n­íc ngoµi\nQUYÕT §ÞNH CñA Bé TRëNG\nCh¬ng tr×nh hîp t¸c víi níc ngoµi")
        let out = LegacySupport.text(LegacyEncoding.repairIfGarbled(doc)).split(separator: "\n")
        #expect(out.count == 4)
        #expect(out[0] == "QUYẾT ĐỊNH CỦA BỘ TRƯỞNG")
        #expect(out[2] == out[0])
        #expect(out[1] == "Chương trình hợp tác với nước ngoài")
        #expect(out[3] == out[1])
    }

    @Test func mixedDocumentRepairsOnlyTheLegacyPart() {
        let header = Table(rows: [
            [TableCell(segments: [Segment("UBND TØNH B¾C K¹N", font: ".VnTimeH")]), TableCell(segments: [Segment("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", font: ".VnTime")])],
            [TableCell(segments: [Segment("Sè: 12/KH-UBND", font: ".VnTime")]), TableCell(segments: [Segment("B¾c K¹n, ngµy 5 th¸ng 3 n¨m 2022", font: ".VnTime")])],
        ])
        let body = [
            "Kế hoạch tổ chức phong trào thi đua năm 2022 của Ủy ban nhân dân tỉnh.",
            "Có thể tên đề mục là tiếng Việt như vậy.",
            "Thực hiện Nghị quyết số 15, các sở, ban, ngành xây dựng kế hoạch cụ thể.",
        ]
        let doc = DecodedDocument(format: .docx, blocks: [.table(header)] + body.map { .row(Row(segments: [Segment($0, font: ".VnTime")])) })
        let out = LegacyEncoding.repairIfGarbled(doc)
        #expect(out.encoding == "tcvn3")
        guard case let .table(t) = out.blocks[0] else { Issue.record("table lost"); return }
        #expect(t.rows.map { $0.map(\.text) } == [["UBND TỈNH BẮC KẠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                                                   ["Số: 12/KH-UBND", "Bắc Kạn, ngày 5 tháng 3 năm 2022"]])
        #expect(Array(out.blocks.dropFirst()) == Array(doc.blocks.dropFirst()))
    }

    @Test func viqrIsDecodedWhereItIsPlainlyViqr() {
        let doc = LegacySupport.document("Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam\nDDo^.c la^.p - Tu+. do - Ha.nh phu'c\nKe^' hoa.ch thi ddua na(m 2021.")
        let out = LegacyEncoding.repairIfGarbled(doc)
        #expect(out.encoding == "viqr")
        #expect(LegacySupport.text(out) == "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nKế hoạch thi đua năm 2021.")
    }

    @Test func formulasAreNotViqr() {
        let doc = LegacySupport.document("Let x = a^2 + b^2 + c^2 where a^2 is the area, see also a^2 - b^2 = (a+b)(a-b) for the proof.\nThe C++ code uses (a^b) and e^x.")
        let out = LegacyEncoding.repairIfGarbled(doc)
        #expect(out.encoding == "utf-8")
        #expect(out.blocks == doc.blocks)
    }

    @Test func fontNames() {
        #expect(LegacyRepair.isCapitalFont("BADEPR+.VnTimeH,Bold"))
        #expect(LegacyRepair.isCapitalFont("FBHPFO+VnTimeHBold"))
        #expect(LegacyRepair.isCapitalFont(".VnArialH"))
        #expect(!LegacyRepair.isCapitalFont(".VnTime"))
        #expect(!LegacyRepair.isCapitalFont("AARIQC+.VnTime,BoldItalic"))
        #expect(!LegacyRepair.isCapitalFont("Times New Roman"))
        #expect(LegacyRepair.fontScheme("VNI-Times") == .vni)
        #expect(LegacyRepair.fontScheme(".VnTime") == .tcvn3)
        #expect(LegacyRepair.fontScheme("Arial") == nil)
    }

    @Test func syllables() {
        for w in ["nghiêng", "khuya", "quyết", "giữa", "gì", "Việt", "ĐƯỜNG", "oanh", "tuyển", "người", "y", "ở", "Kạn"] {
            #expect(VietSyllable.isValid(w.unicodeScalars), "\(w)")
        }
        for w in ["th¸ng", "n¨m", "hoạchs", "tiề\u{301}n", "ngaøy", "UBND", "xyz", "cảc", "hoạg", "Keá", "áà", "qa", "nghă"] {
            #expect(!VietSyllable.isValid(w.precomposedStringWithCanonicalMapping.unicodeScalars), "\(w)")
        }
    }

    /// The repair runs on every document: ordinary Unicode must cost next to nothing.
    @Test func ordinaryDocumentsTakeTheFastPath() throws {
        let truth = try Self.fixtureText("vietnamese-unicode.txt")
        let doc = LegacySupport.document(Array(repeating: truth, count: 20).joined(separator: "\n")) // ~25 KB
        let runs = 200
        let clock = ContinuousClock()
        let elapsed = clock.measure { for _ in 0..<runs { _ = LegacyEncoding.repairIfGarbled(doc) } }
        let micros = Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6
        print("repairIfGarbled: \(String(format: "%.1f", micros / Double(runs))) µs per ordinary 25 KB document")
        #expect(micros / Double(runs) < 20_000)
    }
}

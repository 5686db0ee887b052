import Foundation
import Testing
@testable import ThiduaCore

/// .doc and .rtf through LibreOffice; skipped where it is not installed
/// (scripts/install-converters.sh installs it) or the corpus is absent.
@Suite struct LegacyOfficeDecoderTests {
    static func fonts(_ d: DecodedDocument) -> [String] {
        d.blocks.flatMap { b -> [String] in
            switch b {
            case let .row(r): return r.segments.compactMap(\.font)
            case let .table(t): return t.rows.flatMap { $0.flatMap { $0.segments.compactMap(\.font) } }
            }
        }
    }

    @Test(arguments: [("21", ".Vn"), ("22", ".Vn"), ("23", "VNI"), ("24", "VNI"), ("25", "VNI")])
    func legacyFontDocsKeepTheirFonts(_ n: String, _ fontPrefix: String) throws {
        guard OfficeFixtures.sofficeAvailable, let data = OfficeFixtures.shared("corpus/raw/\(n).doc") else { return }
        #expect(try FormatDetector.detect(data) == .doc)
        let d = try LegacyOfficeDecoder.decode(data, format: .doc)
        #expect(d.format == .doc)
        #expect(d.rows.count >= 10)
        let fonts = Self.fonts(d)
        #expect(fonts.contains { $0.hasPrefix(fontPrefix) })
    }

    @Test(arguments: ["26", "27", "28", "29"])
    func unicodeDocs(_ n: String) throws {
        guard OfficeFixtures.sofficeAvailable, let data = OfficeFixtures.shared("corpus/raw/\(n).doc") else { return }
        let d = try LegacyOfficeDecoder.decode(data, format: .doc)
        #expect(d.format == .doc)
        #expect(d.textLines.joined(separator: "\n").contains("ngày"))
    }

    @Test func rtf() throws {
        guard OfficeFixtures.sofficeAvailable, let data = OfficeFixtures.shared("corpus/raw/38.rtf") else { return }
        #expect(try FormatDetector.detect(data) == .rtf)
        let d = try LegacyOfficeDecoder.decode(data, format: .rtf)
        #expect(d.format == .rtf)
        #expect(d.rows.count >= 10)
        #expect(Self.fonts(d).contains { $0.hasPrefix(".Vn") })
    }

    @Test func withoutAnyConverterTheErrorSaysWhatToInstall() throws {
        let doc: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)
        do {
            _ = try LegacyOfficeDecoder.decode(Data(doc), format: .doc, find: { _, _ in nil })
            Issue.record("decoded without a converter")
        } catch let e as ThiduaError {
            #expect(e.code == .converterMissing)
            #expect(e.message == "reading .doc needs LibreOffice: apt-get install libreoffice-writer-nogui")
        }
        #expect(thiduaCode { _ = try LegacyOfficeDecoder.decode(Data("{\\rtf1 x}".utf8), format: .rtf, find: { _, _ in nil }) }
            == .converterMissing)
    }

    @Test func damagedDocIsAConverterFailure() throws {
        guard OfficeFixtures.sofficeAvailable else { return }
        let bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0x41, count: 4000)
        #expect(thiduaCode { _ = try LegacyOfficeDecoder.decode(Data(bytes), format: .doc) } == .converterFailed)
    }
}

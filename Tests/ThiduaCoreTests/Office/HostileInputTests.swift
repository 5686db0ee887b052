import Foundation
import Testing
@testable import ThiduaCore

/// Each hostile input ends in one clean ThiduaError with its stable code.
@Suite struct HostileInputTests {
    @Test(arguments: [
        ("hostile/xxe.docx", ThiduaError.Code.xmlUnsafe),
        ("hostile/billion-laughs.docx", .xmlUnsafe),
        ("hostile/zip-bomb.docx", .zipBomb),
        ("hostile/lying-sizes.docx", .zipBomb),
        ("hostile/encrypted.docx", .encrypted),
        ("hostile/truncated.docx", .zipDamaged),
        ("hostile/deep-xml.docx", .tooDeep),
    ])
    func hostileDOCX(_ file: String, _ code: ThiduaError.Code) throws {
        let data = try OfficeFixtures.fixture(file)
        #expect(thiduaCode { _ = try DOCXDecoder.decode(data) } == code)
        // The message is one short line.
        do { _ = try DOCXDecoder.decode(data) } catch let e as ThiduaError {
            #expect(!e.message.contains("\n") && e.message.count < 200)
        }
    }

    @Test func xxeNeverReadsTheFile() throws {
        // Straight to the parser: a comment before the DOCTYPE does not hide it.
        let xml = Data("""
        <?xml version="1.0"?><!-- c --><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>
        """.utf8)
        #expect(thiduaCode { _ = try MarkupDocument.xml(xml, part: "p.xml", kind: "DOCX") } == .xmlUnsafe)
    }

    @Test func undeclaredEntityIsDamagedNotExpanded() throws {
        let xml = Data("<d>&x;</d>".utf8)
        #expect(thiduaCode { _ = try MarkupDocument.xml(xml, part: "p.xml", kind: "DOCX") } == .xmlDamaged)
    }

    @Test func htmlNestedHundredThousandDeep() throws {
        var s = "<html><body>"
        s += String(repeating: "<div>", count: 100_000) + "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        s += String(repeating: "</div>", count: 100_000) + "</body></html>"
        #expect(thiduaCode { _ = try HTMLDecoder.decode(Data(s.utf8)) } == .tooDeep)
        // Unclosed inline tags nest too.
        let t = "<html><body>" + String(repeating: "<span><b>", count: 100_000) + "x</body></html>"
        #expect(thiduaCode { _ = try HTMLDecoder.decode(Data(t.utf8)) } == .tooDeep)
    }

    @Test func zipWithoutTheDocumentPart() throws {
        // A valid ZIP (the ODT fixture) read as DOCX: no word/document.xml.
        let data = try OfficeFixtures.fixture("odt/layout-tables.odt")
        #expect(thiduaCode { _ = try DOCXDecoder.decode(data) } == .zipDamaged)
    }

    @Test func encryptedOLEWordFile() throws {
        // Word's password protection wraps the package in an OLE file with an EncryptedPackage stream.
        var bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 512)
        bytes += Array("EncryptedPackage".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(thiduaCode { _ = try LegacyOfficeDecoder.decode(Data(bytes), format: .doc) } == .encrypted)
    }
}

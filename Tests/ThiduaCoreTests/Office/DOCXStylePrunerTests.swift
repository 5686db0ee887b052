import Foundation
import Testing
@testable import ThiduaCore

/// Pruning styles.xml to the styles in use must not change what the decoder reads.
@Suite struct DOCXStylePrunerTests {
    static var documents: [URL] {
        var urls = TestSupport.files(under: TestSupport.fixtures, suffix: ".docx").filter { !$0.path.contains("/hostile/") }
        if TestSupport.hasShared {
            urls += TestSupport.files(under: TestSupport.shared.appendingPathComponent("corpus"), suffix: ".docx")
            urls += TestSupport.files(under: TestSupport.shared.appendingPathComponent("bench"), suffix: ".docx").prefix(40)
        }
        return urls
    }

    @Test func prunedStylesDecodeTheSame() throws {
        let urls = Self.documents
        #expect(urls.count >= 5)
        for url in urls {
            let data = try Data(contentsOf: url)
            let whole = try DOCXDecoder.decode(data, pruneStyles: false)
            let pruned = try DOCXDecoder.decode(data)
            #expect(whole.blocks == pruned.blocks, "\(url.lastPathComponent)")
        }
    }

    @Test func keepsUsedStylesTheirBasesAndDefaults() throws {
        let styles = Data("""
        <?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Base"/></w:style>\
        <w:style w:type="paragraph" w:styleId="Base"><w:name w:val="Base"/></w:style>\
        <w:style w:type="paragraph" w:styleId="Unused"><w:name w:val="Unused"/></w:style>\
        <w:style w:type="character" w:styleId="Empty"/>\
        </w:styles>
        """.utf8)
        let document = Data(#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:p>"#.utf8)
        let out = String(decoding: DOCXStylePruner.prune(styles, usedBy: [document]), as: UTF8.self)
        #expect(out.contains("w:styleId=\"Normal\"") && out.contains("w:styleId=\"Heading1\"") && out.contains("w:styleId=\"Base\""))
        #expect(!out.contains("Unused") && !out.contains("Empty"))
        #expect(out.contains("<w:docDefaults>") && out.hasSuffix("</w:styles>"))
        // Another prefix for the namespace: left whole.
        let other = Data(#"<x:styles xmlns:x="urn:x"><x:style x:styleId="A"/></x:styles>"#.utf8)
        #expect(DOCXStylePruner.prune(other, usedBy: [document]) == other)
    }
}

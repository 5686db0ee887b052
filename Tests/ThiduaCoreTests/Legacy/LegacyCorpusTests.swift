import Foundation
import Testing
@testable import ThiduaCore

/// The real TCVN3 PDFs of the shared corpus, read through pdftotext (what a text layer gives).
@Suite struct LegacyCorpusTests {
    static let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let raw = LegacySupport.shared.appendingPathComponent("corpus/raw")

    static func pdfText(_ name: String) -> String? {
        guard let tool = pdftotext else { return nil }
        let url = raw.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = [url.path, "-"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(data: data, encoding: .utf8)
    }

    static func validShare(_ text: String) -> Double {
        let s = VietSyllable.score(text)
        return Double(s.valid) / Double(max(1, s.valid + s.invalidNonASCII))
    }

    @Test(.enabled(if: pdftotext != nil && FileManager.default.fileExists(atPath: raw.appendingPathComponent("18.pdf").path),
                   "pdftotext or ../shared/corpus absent"),
          arguments: ["18.pdf", "19.pdf", "20.pdf"])
    func tcvn3PDFTextLayersAreRepaired(name: String) throws {
        let text = try #require(Self.pdfText(name))
        let before = Self.validShare(text)
        let repaired = LegacyEncoding.repairIfGarbled(LegacySupport.document(text))
        let after = Self.validShare(LegacySupport.text(repaired))
        print("corpus \(name): valid-syllable share \(String(format: "%.3f", before)) → \(String(format: "%.3f", after)), encoding \(repaired.encoding)")
        #expect(repaired.encoding == "tcvn3")
        #expect(after > 0.97)
        #expect(before < 0.7)
    }

    /// The Unicode PDFs (some with broken text layers that no legacy reading fixes) stay as they are.
    @Test(.enabled(if: pdftotext != nil && FileManager.default.fileExists(atPath: raw.appendingPathComponent("01.pdf").path),
                   "pdftotext or ../shared/corpus absent"))
    func unicodePDFsAreLeftAlone() throws {
        for n in 1...17 {
            guard let text = Self.pdfText(String(format: "%02d.pdf", n)) else { continue }
            let doc = LegacySupport.document(text)
            let out = LegacyEncoding.repairIfGarbled(doc)
            #expect(out.encoding == "utf-8", "\(n).pdf")
            #expect(out.blocks == doc.blocks, "\(n).pdf")
        }
    }

    /// Text of converted .doc files (LEGACY_DOC_TEXT=dir of NN.txt from LibreOffice or antiword).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LEGACY_DOC_TEXT"] != nil, "LEGACY_DOC_TEXT unset"))
    func convertedDocTextIsRepaired() throws {
        let dir = URL(fileURLWithPath: ProcessInfo.processInfo.environment["LEGACY_DOC_TEXT"]!)
        let expected = ["21": "tcvn3", "22": "tcvn3", "23": "vni", "24": "vni", "25": "vni"]
        for (n, enc) in expected.sorted(by: { $0.key < $1.key }) {
            guard let text = try? String(contentsOf: dir.appendingPathComponent("\(n).txt"), encoding: .utf8) else { continue }
            let repaired = LegacyEncoding.repairIfGarbled(LegacySupport.document(text))
            let out = LegacySupport.text(repaired)
            print("doc \(n): valid-syllable share \(String(format: "%.3f", Self.validShare(text))) → \(String(format: "%.3f", Self.validShare(out))), encoding \(repaired.encoding)")
            if ProcessInfo.processInfo.environment["LEGACY_DIFF"] != nil { print(out.prefix(1500)) }
            #expect(repaired.encoding == enc)
            #expect(Self.validShare(out) > 0.95)
        }
    }
}

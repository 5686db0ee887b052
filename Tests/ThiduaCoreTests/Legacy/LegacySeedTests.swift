import Foundation
import Testing
@testable import ThiduaCore

@Suite struct LegacySeedTests {
    static let renderings: [(file: String, encoding: String)] = [
        ("doc-tcvn3.txt", "tcvn3"), ("doc-tcvn3-pdfglyphs.txt", "tcvn3"), ("doc-vni.txt", "vni"),
    ]

    @Test(.enabled(if: !LegacySupport.seedDirs().isEmpty, "../shared/seeds absent"))
    func seedRenderingsRepairToTheUnicodeText() throws {
        for dir in LegacySupport.seedDirs() {
            let truth = try String(contentsOf: dir.appendingPathComponent("doc.txt"), encoding: .utf8)
            for (file, encoding) in Self.renderings {
                let url = dir.appendingPathComponent(file)
                guard let garbled = try? String(contentsOf: url, encoding: .utf8) else { continue }
                let repaired = LegacyEncoding.repairIfGarbled(LegacySupport.document(garbled))
                let output = LegacySupport.text(repaired)
                let cer = LegacySupport.cer(output, truth)
                let edits = LegacySupport.diffLines(output, truth).reduce(0) { $0 + LegacySupport.distance($1.0, $1.1) }
                print("seed \(dir.lastPathComponent) \(file): CER \(String(format: "%.4f", cer)) (\(edits) edits in \(truth.unicodeScalars.count) characters)")
                if ProcessInfo.processInfo.environment["LEGACY_DIFF"] != nil {
                    for (o, t) in LegacySupport.diffLines(output, truth).prefix(20) { print("  got:  \(o)\n  want: \(t)") }
                }
                #expect(repaired.encoding == encoding, "\(dir.lastPathComponent)/\(file)")
                #expect(cer < 0.005, "\(dir.lastPathComponent)/\(file) CER \(cer)")
            }
            // The true text itself is left alone.
            let same = LegacyEncoding.repairIfGarbled(LegacySupport.document(truth))
            #expect(LegacySupport.text(same) == truth)
            #expect(same.encoding == "utf-8")
        }
    }
}

import Foundation
import Testing
@testable import ThiduaCore

/// The shared seeds get exactly the diagnostics a careful reader gives: their
/// blank numbers and days flagged, nothing invented. Reads ../shared/seeds and
/// skips where it is absent.
///
/// Needs the extractor and the decoders: with a placeholder extractor every
/// record is empty and these fail (signer-missing, recipients-missing).
@Suite struct SeedDiagnosticsTests {
    static let seeds = checkoutRules.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/seeds")

    struct Case: Sendable, CustomTestStringConvertible {
        let file: String
        /// Warnings and errors, as "rule@path".
        let expected: Set<String>
        let legacyEncoding: Bool
        var testDescription: String { file }
    }

    static let blankDraft: Set<String> = ["number-blank@document.number", "date-day-blank@document.date"]

    static let cases: [Case] = {
        var out: [Case] = []
        for (seed, expected) in [("000", Set<String>()), ("001", blankDraft), ("004", Set<String>())] {
            for file in ["doc.txt", "doc.docx", "doc.odt", "doc.html", "doc.pdf"] {
                out.append(Case(file: "\(seed)/\(file)", expected: expected, legacyEncoding: false))
            }
            for file in ["doc-tcvn3.txt", "doc-vni.txt", "doc-tcvn3-pdfglyphs.txt"] {
                out.append(Case(file: "\(seed)/\(file)", expected: expected, legacyEncoding: true))
            }
        }
        // The body-only variant: no number and no date, which is not a blank.
        out.append(Case(file: "000/000.txt", expected: [], legacyEncoding: false))
        return out
    }()

    @Test(arguments: cases)
    func seedDiagnostics(_ c: Case) throws {
        let url = Self.seeds.appendingPathComponent(c.file)
        guard FileManager.default.fileExists(atPath: url.path) else { return }  // shared seeds absent: skip
        let pipeline = try Pipeline(rulesDirectory: checkoutRules)
        let ids = Set(pipeline.validator.rules.map(\.id))
        let diagnostics = try pipeline.extract(path: url.path).diagnostics.filter { ids.contains($0.rule) }
        let found = Set(diagnostics.filter { $0.severity > .info }.map { "\($0.rule)@\($0.path ?? "")" })
        #expect(found == c.expected)
        #expect(diagnostics.contains { $0.rule == "encoding-repaired" } == c.legacyEncoding)
    }
}

import Testing
@testable import ThiduaCore

@Suite struct ValidationReportTests {
    let info = Diagnostic(rule: "encoding-repaired", severity: .info, path: "source.encoding", message: "m1", evidence: "tcvn3")
    let warning = Diagnostic(rule: "number-blank", severity: .warning, path: "document.number", message: "m2", evidence: "/KH-UBND")
    let error = Diagnostic(rule: "date-impossible", severity: .error, path: "document.date", message: "m3")

    @Test func exitStatusFollowsTheWorstSeverity() {
        #expect(ValidationReport.exitStatus([], strict: true) == 0)
        #expect(ValidationReport.exitStatus([info], strict: true) == 0)
        #expect(ValidationReport.exitStatus([info, warning], strict: false) == 0)
        #expect(ValidationReport.exitStatus([info, warning], strict: true) == 1)
        #expect(ValidationReport.exitStatus([error], strict: false) == 1)
    }

    @Test func textPutsErrorsFirstWithPathAndEvidence() {
        #expect(ValidationReport.text(file: "a.pdf", diagnostics: [info, warning, error]) == [
            "a.pdf: error [date-impossible] document.date: m3",
            "a.pdf: warning [number-blank] document.number: m2 — \"/KH-UBND\"",
            "a.pdf: info [encoding-repaired] source.encoding: m1 — \"tcvn3\"",
        ])
        #expect(ValidationReport.text(file: "a.pdf", diagnostics: []) == ["a.pdf: ok"])
    }

    @Test func summaryAndJSON() {
        #expect(ValidationReport.summary(files: 1, diagnostics: [warning]) == "1 file: 0 errors, 1 warning, 0 info")
        #expect(ValidationReport.summary(files: 2, diagnostics: [error, error, info]) == "2 files: 2 errors, 0 warnings, 1 info")
        let j = ValidationReport.json(file: "a.pdf", diagnostics: [warning, error])
        #expect(j["file"] == .string("a.pdf"))
        #expect(j["diagnostics"]?.arrayValue?.compactMap { $0["rule"]?.stringValue } == ["date-impossible", "number-blank"])
    }
}

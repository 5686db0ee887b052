import Foundation
import Testing
import ThiduaCore

/// The checkout root (Tests/ThiduaCLITests/ → ../..).
let checkoutRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The `thidua` binary built beside this test bundle (swift test builds every product).
let thiduaBinary: URL? = {
    var candidates: [URL] = []
    if let exe = Bundle.main.executableURL {
        // …/debug/thiduaPackageTests.xctest (Linux) or …/debug/thiduaPackageTests.xctest/Contents/MacOS/… (macOS)
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("thidua"))
            dir = dir.deletingLastPathComponent()
        }
    }
    candidates.append(checkoutRoot.appendingPathComponent(".build/debug/thidua"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

struct CommandResult {
    var stdout: String
    var stderr: String
    var status: Int32
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }
}

/// Runs `thidua ARGS` in the checkout root, so file names print as given.
func thidua(_ args: [String]) throws -> CommandResult {
    let binary = try #require(thiduaBinary, "build the thidua executable first (swift build)")
    let p = Process()
    p.executableURL = binary
    p.arguments = args
    p.currentDirectoryURL = checkoutRoot
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return CommandResult(stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self),
                         status: p.terminationStatus)
}

@Suite struct ValidateCommandTests {
    static let clean = "fixtures/text/plan-clean.txt"
    static let draft = "fixtures/text/plan-draft-blank-number-day.txt"

    // Needs the extractor (fields read from the text): on a branch whose extractor
    // returns empty records, signer-missing and recipients-missing show up here.
    @Test func cleanDocumentPrintsOkAndExitsZero() throws {
        let r = try thidua(["validate", Self.clean])
        #expect(r.status == 0)
        #expect(r.lines == ["\(Self.clean): ok", "1 file: 0 errors, 0 warnings, 0 info"])
        #expect(r.stderr.isEmpty)
    }

    // Needs the extractor.
    @Test func cleanDocumentPassesStrict() throws {
        #expect(try thidua(["validate", "--strict", Self.clean]).status == 0)
    }

    // Needs the extractor (number and date read from the header).
    @Test func draftGetsBlankNumberAndDayWarningsWithPathAndEvidence() throws {
        let r = try thidua(["validate", Self.draft])
        #expect(r.status == 0, "warnings only")
        let numberLine = r.lines.first { $0.contains("[number-blank]") }
        let dayLine = r.lines.first { $0.contains("[date-day-blank]") }
        #expect(numberLine?.hasPrefix("\(Self.draft): warning [number-blank] document.number: ") == true)
        #expect(numberLine?.contains("/KH-SNN") == true)
        #expect(dayLine?.hasPrefix("\(Self.draft): warning [date-day-blank] document.date: ") == true)
        #expect(dayLine?.contains("tháng 9 năm 2024") == true)
        #expect(!r.lines.contains { $0.contains(": error [") })
        #expect(r.lines.last == "1 file: 0 errors, 2 warnings, 0 info")
    }

    @Test func strictMakesWarningsFail() throws {
        let r = try thidua(["validate", "--strict", Self.draft])
        #expect(r.status == 1)
        #expect(r.lines.contains { $0.contains("warning [") })
    }

    @Test func jsonGivesOneObjectPerFileWithItsDiagnostics() throws {
        let r = try thidua(["validate", "--format", "json", Self.clean, Self.draft])
        #expect(r.status == 0)
        let objects = try r.lines.map { try JSONValue.parse($0) }
        #expect(objects.map { $0["file"]?.stringValue } == [Self.clean, Self.draft])
        for o in objects {
            let ds = try #require(o["diagnostics"]?.arrayValue)
            for d in ds {
                #expect(d["rule"]?.stringValue != nil && d["severity"]?.stringValue != nil && d["message"]?.stringValue != nil)
            }
        }
    }

    // Needs the extractor.
    @Test func draftJSONNamesExactlyTheBlankRules() throws {
        let r = try thidua(["validate", "--format", "json", Self.draft])
        let o = try JSONValue.parse(r.stdout.trimmingCharacters(in: .newlines))
        let ds = o["diagnostics"]?.arrayValue ?? []
        #expect(ds.compactMap { $0["rule"]?.stringValue } == ["date-day-blank", "number-blank"])
        #expect(ds.compactMap { $0["path"]?.stringValue } == ["document.date", "document.number"])
    }

    @Test func houseRuleErrorFailsTheRun() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            id: only-pdf
            severity: error
            message: "This province accepts PDF only, not {value}."
            paths: source.format
            check: { kind: one-of, values: [pdf] }
            """.write(to: dir.appendingPathComponent("only-pdf.yaml"), atomically: true, encoding: .utf8)
        let r = try thidua(["validate", "--rules", dir.path, Self.clean])
        #expect(r.status == 1)
        #expect(r.lines.first == "\(Self.clean): error [only-pdf] source.format: This province accepts PDF only, not text. — \"text\"")
    }

    // Needs the extractor (the kind code KH read from the kind word). The README's transcript.
    @Test func houseRulesFromAFolder() throws {
        let r = try thidua(["validate", "--rules", "fixtures/rules/house", "fixtures/text/plan-no-period.txt"])
        #expect(r.status == 1)
        #expect(r.lines == [
            "fixtures/text/plan-no-period.txt: error [period-required] campaign.period: A Kế hoạch must state the period of its campaign (thời gian thực hiện / phát động).",
            "1 file: 1 error, 0 warnings, 0 info",
        ])
    }

    @Test func malformedHouseRuleCannotRun() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "id: bad\nseverity: warning\nmessage: m\npaths: a\ncheck: { kind: foo }\n"
            .write(to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let r = try thidua(["validate", "--rules", dir.path, Self.clean])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("thidua: \(dir.path)/bad.yaml: check.kind: unknown kind 'foo' (expected one of required, "))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func missingFileCannotRunButOthersAreStillChecked() throws {
        let r = try thidua(["validate", "no-such-file.txt", Self.clean])
        #expect(r.status == 2)
        #expect(r.stderr == "thidua: no-such-file.txt: no such file\n")
        #expect(r.lines.first?.hasPrefix(Self.clean + ": ") == true)
    }
}

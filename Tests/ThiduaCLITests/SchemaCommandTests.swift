import Foundation
import Testing
import ThiduaCore

/// `thidua schema FILE` is strict; `thidua schema --markdown` prints docs/RECORD.md.
@Suite struct SchemaCommandTests {
    static let fixture = CLI.root.appendingPathComponent("fixtures/text/tm-kt-signature.txt").path

    @Test func unknownKeysAndImpossibleDatesAreRejected() throws {
        let good = try CLI.run(["extract", Self.fixture]).stdout
        #expect(good.contains("\"end\":\"2025-05-28\""))
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("records.jsonl")
        let unknownKey = good.replacingOccurrences(of: "\"encoding\":", with: "\"producer\":\"x\",\"encoding\":")
        let impossible = good.replacingOccurrences(of: "\"end\":\"2025-05-28\"", with: "\"end\":\"2023-02-31\"")
        try Data((good + unknownKey + impossible).utf8).write(to: file)
        let r = try CLI.run(["schema", file.path])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(!lines.contains { $0.hasPrefix("\(file.path):1:") }, "the record as extracted conforms")
        #expect(lines.contains("\(file.path):2: $.source: unexpected key producer"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("\(file.path):3: $.document.date") && $0.contains("2023-02-31") }, "\(lines)")
    }

    @Test func markdownIsTheCommittedDocumentation() throws {
        let r = try CLI.run(["schema", "--markdown"])
        #expect(r.status == 0)
        let committed = try String(contentsOf: CLI.root.appendingPathComponent("docs/RECORD.md"), encoding: .utf8)
        #expect(r.stdout == committed)
    }
}

import Foundation
import Testing
import ThiduaCore
@testable import ThiduaStore

/// Every `--report` line names the thidua release that wrote it.
@Suite struct ReportVersionTests {
    @Test func reportLinesCarryTheVersion() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(.sqlite) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        _ = try CLI.makeCorpus(docs, count: 2)
        try Data().write(to: docs.appendingPathComponent("empty.txt"))
        let report = t.dir.appendingPathComponent("report.jsonl").path
        let r = try CLI.run(["import", docs.path, "--store", t.location, "--jobs", "1", "--report", report])
        #expect(r.status == 1, "one file is empty")
        let lines = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n")
            .map { try JSONValue.parse(String($0)) }
        #expect(lines.count == 3)
        for l in lines {
            #expect(l["thidua"]?.stringValue == ThiduaVersion.string, "\(l.serialized())")
        }
        #expect(lines.filter { $0["status"]?.stringValue == "failed" }.count == 1)
    }
}

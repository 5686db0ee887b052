import Foundation
import Testing
import ThiduaCore
@testable import ThiduaStore

/// `show` with a key that several stored documents match lists them and picks none; the
/// files of one document are one match.
@Suite struct ShowMatchesTests {
    @Test func severalMatchesAreListedWithExitOne() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(.sqlite) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        let files = try CLI.makeCorpus(docs, count: 1)
        let plan = try String(contentsOfFile: files[0], encoding: .utf8)
        // The same plan in a second file (another rendering: one more blank line at the end).
        try (plan + "\n").write(to: docs.appendingPathComponent("kh-copy.txt"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["import", docs.path, "--store", t.location]).status == 0)

        let one = try CLI.run(["show", "1/KH-SNN", "--store", t.location])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("Files\n"), "\(one.stdout)")
        #expect(one.stdout.contains("kh-copy.txt") && one.stdout.contains("kh-00000.txt"))
        let files2 = try CLI.run(["show", "1/KH-SNN", "--all-files", "--store", t.location])
        #expect(files2.status == 1)
        #expect(files2.stderr.contains("2 documents match"), "\(files2.stderr)")

        // Another document with the same number (another date): two matches.
        let other = plan.replacingOccurrences(of: "ngày 1 tháng 1 năm 2023", with: "ngày 2 tháng 1 năm 2023")
        #expect(other != plan)
        try other.write(to: docs.appendingPathComponent("kh-other.txt"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["import", docs.path, "--store", t.location]).status == 0)
        let r = try CLI.run(["show", "1/KH-SNN", "--store", t.location])
        #expect(r.status == 1)
        #expect(r.stderr.contains("2 documents match"), "\(r.stderr)")
        #expect(r.stdout.components(separatedBy: "1/KH-SNN").count - 1 == 2, "\(r.stdout)")

        let all = try CLI.run(["show", "1/KH-SNN", "--all", "--format", "json", "--store", t.location])
        #expect(all.status == 0)
        #expect(all.stdout.split(separator: "\n").count == 2)

        #expect(try CLI.run(["show", "1", "--store", t.location]).status == 0)
    }
}

import Foundation
import Testing
import ThiduaCore
@testable import ThiduaStore

/// Each document is extracted in a worker process: a crash, a hang or a runaway
/// allocation costs that document only. The failures are simulated by the
/// worker-only test hooks (THIDUA_TEST_CRASH_ON, _HANG_ON, _ALLOC_ON).
@Suite(.serialized)
struct IsolationTests {
    static let hooks = [
        "THIDUA_TEST_CRASH_ON": "crash-", "THIDUA_TEST_HANG_ON": "hang-", "THIDUA_TEST_ALLOC_ON": "alloc-",
    ]

    /// The corpus plus three bad files with content of their own.
    static func corpus(_ dir: URL, good: Int) throws -> [String: String] {
        _ = try CLI.makeCorpus(dir, count: good)
        var bad: [String: String] = [:]
        for (name, cause) in [("crash-1.txt", "crashed (signal 11"), ("hang-1.txt", "timed out after 2 s"),
                              ("alloc-1.txt", "exceeded 300 MB")] {
            let f = dir.appendingPathComponent(name)
            try Data("KẾ HOẠCH\nTệp \(name)\n".utf8).write(to: f)
            bad[f.path] = cause
        }
        return bad
    }

    @Test(arguments: Backend.allCases)
    func crashHangAndRunawayCostOnlyTheirDocument(_ backend: Backend) throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(backend) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        let bad = try Self.corpus(docs, good: 12)
        let report = t.dir.appendingPathComponent("report.jsonl").path
        let r = try CLI.run(["import", docs.path, "--store", t.location, "--jobs", "2", "--timeout", "2",
                             "--max-memory", "300", "--report", report], env: Self.hooks)
        #expect(r.status == 1, "\(r.stderr)")
        let counts = ImportCLITests.summaryCounts(r.stdout)
        #expect(counts["imported"] == 12)
        #expect(counts["failed"] == 3)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(lines)")
        for (file, cause) in bad {
            #expect(lines.contains { $0.hasPrefix("thidua: \(file): \(cause)") }, "\(file): \(lines)")
        }
        #expect(try t.store.counts()["document"] == 12)
        let reported = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n")
        #expect(reported.count == 15)
        #expect(reported.filter { $0.contains("\"status\":\"failed\"") }.count == 3)
        try t.expectConsistent()

        // The same batch again: the good files are unchanged, the bad ones tried (and failing) again.
        let again = try CLI.run(["import", docs.path, "--store", t.location, "--timeout", "2", "--max-memory", "300"],
                                env: Self.hooks)
        #expect(ImportCLITests.summaryCounts(again.stdout)["unchanged"] == 12)
        #expect(ImportCLITests.summaryCounts(again.stdout)["failed"] == 3)
    }

    @Test func hooksAreHonouredOnlyInWorkers() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(.sqlite) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        _ = try Self.corpus(docs, good: 2)
        let r = try CLI.run(["import", docs.path, "--store", t.location, "--no-isolation"], env: Self.hooks)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(ImportCLITests.summaryCounts(r.stdout)["imported"] == 5)
    }

    @Test func extractHasAWatchdog() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-watchdog-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = try Self.corpus(dir, good: 1)
        let hang = try #require(bad.keys.first { $0.hasSuffix("hang-1.txt") })
        let crash = try #require(bad.keys.first { $0.hasSuffix("crash-1.txt") })
        let good = dir.appendingPathComponent("kh-00000.txt").path
        let r = try CLI.run(["extract", hang, good, crash, "--timeout", "2"], env: Self.hooks)
        #expect(r.status == 1)
        #expect(r.stderr == "thidua: \(hang): timed out after 2 s\nthidua: \(crash): crashed (signal 11, SIGSEGV)\n")
        let out = r.stdout.split(separator: "\n")
        #expect(out.count == 1)
        #expect(try JSONValue.parse(String(out[0])).value(at: "source.file")?.stringValue == good)
    }
}

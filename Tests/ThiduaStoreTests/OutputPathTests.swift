import Foundation
import Testing
import ThiduaCore
@testable import ThiduaStore

/// `--report` and `-o` never destroy what they should not: the store, an input, a device.
@Suite(.serialized)
struct OutputPathTests {
    @Test func reportOntoTheStoreIsRefusedAndTheStoreIntact() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(.sqlite) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        _ = try CLI.makeCorpus(docs, count: 5)
        #expect(try CLI.run(["import", docs.path, "--store", t.location]).status == 0)
        let more = t.dir.appendingPathComponent("more")
        _ = try CLI.makeCorpus(more, count: 2)
        let sameByAnotherName = t.dir.path + "/./" + URL(fileURLWithPath: t.location).lastPathComponent
        for target in [t.location, sameByAnotherName, t.location + "-wal"] {
            let r = try CLI.run(["import", more.path, "--store", t.location, "--report", target])
            #expect(r.status == 2)
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(r.stderr.contains("is the store"), "\(r.stderr)")
        }
        let input = more.appendingPathComponent("kh-00001.txt").path
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let r = try CLI.run(["import", input, "--store", t.location, "--report", input])
        #expect(r.status == 2 && r.stderr.contains("is one of the inputs"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
        let store = try Stores.open(t.location, readOnly: true)
        #expect(try store.counts()["document"] == 5)
        store.close()
        let export = try CLI.run(["export", "--store", t.location, "-o", t.location])
        #expect(export.status == 2 && export.stderr.contains("is the store"))
        try t.expectConsistent()
    }

    @Test func outputOntoAFIFOOrADeviceIsRefused() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(.sqlite) else { return }
        let fifo = t.dir.appendingPathComponent("out.fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        for target in [fifo, "/dev/null"] {
            let r = try CLI.run(["export", "--store", t.location, "-o", target])
            #expect(r.status == 2)
            #expect(r.stderr.contains("not a regular file"), "\(r.stderr)")
        }
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
        #expect(lstat("/dev/null", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func exportToAFileReplacesItWhole() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(.sqlite) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        _ = try CLI.makeCorpus(docs, count: 3)
        #expect(try CLI.run(["import", docs.path, "--store", t.location]).status == 0)
        let out = t.dir.appendingPathComponent("plans.jsonl").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: out))
        let r = try CLI.run(["export", "--store", t.location, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(try !FileManager.default.contentsOfDirectory(atPath: t.dir.path).contains { $0.hasPrefix(".thidua-out-") })
    }

    @Test func jobsAreBoundedByTheMachine() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-jobs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try CLI.makeCorpus(dir, count: 1)
        let r = try CLI.run(["import", dir.path, "--store", dir.appendingPathComponent("s.sqlite").path, "--jobs", "100000"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--jobs must be at most"))
    }

    @Test func aDamagedStoredRecordIsAnErrorNotOutput() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(.sqlite) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        _ = try CLI.makeCorpus(docs, count: 3)
        #expect(try CLI.run(["import", docs.path, "--store", t.location]).status == 0)
        // Damage one record the way a bad disk or a hand edit would: valid for the CHECK, wrong for its row.
        let raw = try SQLiteBackend.raw(t.location)
        try raw.write { try $0.execute(sql: "UPDATE document SET record_json = '{\"source\":{}}' WHERE id = 2") }
        try raw.close()
        let r = try CLI.run(["export", "--store", t.location])
        #expect(r.status == 2)
        #expect(r.stderr.contains("document 2 is damaged"), "\(r.stderr)")
        let show = try CLI.run(["show", "2", "--store", t.location, "--format", "json"])
        #expect(show.status == 2)
        #expect(show.stdout.isEmpty)
    }
}

/// A clerk who may read the store but not write it (nor its folder) can still list it.
@Suite struct ReadOnlyStoreTests {
    @Test func readOnlyStoreCanBeRead() throws {
        guard let binary = CLI.binary else { Issue.record("thidua binary not built"); return }
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else { return }
        guard let t = try TestStore.make(.sqlite) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        _ = try CLI.makeCorpus(docs, count: 3)
        #expect(try CLI.run(["import", docs.path, "--store", t.location]).status == 0)
        t.store.close()
        SQLiteBackend.leaveRollbackJournal(t.location)
        chmod(t.location, 0o444)
        chmod(t.dir.path, 0o755)
        let r = try CLI.run(["/usr/sbin/runuser", "-u", "nobody", "--", binary, "list", "--store", t.location],
                            viaBinary: "/usr/bin/env")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 4, "\(r.stdout)")
        let w = try CLI.run(["/usr/sbin/runuser", "-u", "nobody", "--", binary, "import", docs.path, "--store", t.location],
                            viaBinary: "/usr/bin/env")
        #expect(w.status == 2)
        #expect(w.stderr.split(separator: "\n").count == 1, "\(w.stderr)")
        #expect(w.stderr.contains("read-only"), "\(w.stderr)")
    }
}

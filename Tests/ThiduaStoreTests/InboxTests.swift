import Foundation
import Testing
import ThiduaCore
@testable import ThiduaStore

/// Inputs offices have (ZIP inboxes, globs), failures kept as data, and `forget`.
@Suite(.serialized)
struct InboxTests {
    static let makeZip = """
        import os, stat, sys, zipfile
        src, out = sys.argv[1], sys.argv[2]
        with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
            for name in sorted(os.listdir(src)):
                z.write(os.path.join(src, name), 'plans/' + name)
            link = zipfile.ZipInfo('plans/passwd.txt')
            link.create_system = 3
            link.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(link, '/etc/passwd')
            z.writestr('../escape.txt', 'Kế hoạch')
            z.writestr('__MACOSX/plans/._kh.txt', 'junk')
        print('{}')
        """

    @Test func aZipIsAnInboxAndItsUnsafeEntriesFailWithTheirCause() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(.sqlite) else { return }
        _ = try CLI.makeCorpus(t.dir.appendingPathComponent("plans"), count: 3)
        let zip = t.dir.appendingPathComponent("inbox.zip")
        _ = try Python.json(Self.makeZip, [t.dir.appendingPathComponent("plans").path, zip.path])
        let r = try CLI.run(["import", zip.path, "--store", t.location])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(ImportCLITests.summaryCounts(r.stdout) == ["imported": 3, "unchanged": 0, "updated": 0, "failed": 2])
        let files = try CLI.run(["list", "--format", "jsonl", "--all-files", "--store", t.location]).stdout
            .split(separator: "\n").compactMap { try? JSONValue.parse(String($0)).value(at: "source.file")?.stringValue }.sorted()
        #expect(files == (0..<3).map { zip.path + "!/plans/kh-0000\($0).txt" })

        let failed = try CLI.run(["list", "--failed", "--format", "jsonl", "--store", t.location])
        let causes = Dictionary(uniqueKeysWithValues: try failed.stdout.split(separator: "\n").map { line in
            let j = try JSONValue.parse(String(line))
            return (j["file"]?.stringValue ?? "", j["cause"]?.stringValue ?? "")
        })
        #expect(causes == [zip.path + "!/plans/passwd.txt": "zip-entry-link", zip.path + "!/../escape.txt": "zip-entry-path"])

        // An entry reads like a file wherever a file is named.
        let one = try CLI.run(["extract", zip.path + "!/plans/kh-00002.txt"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(try JSONValue.parse(one.stdout).value(at: "document.number.canonical")?.stringValue == "3/KH-SNN")
        #expect(try CLI.run(["extract", zip.path + "!/plans/none.txt"]).stderr.contains("no such entry in the ZIP"))

        // The same ZIP again: nothing new; an entry forgotten comes back.
        #expect(ImportCLITests.summaryCounts(try CLI.run(["import", zip.path, "--store", t.location]).stdout)["unchanged"] == 3)
        let forget = try CLI.run(["forget", zip.path + "!/plans/kh-00001.txt", "--store", t.location])
        #expect(forget.status == 0, "\(forget.stderr)")
        #expect(try CLI.run(["list", "--format", "jsonl", "--store", t.location]).stdout.split(separator: "\n").count == 2)
        #expect(try CLI.run(["forget", "no/such.txt", "--store", t.location]).status == 1)
        #expect(ImportCLITests.summaryCounts(try CLI.run(["import", zip.path, "--store", t.location]).stdout)["imported"] == 1)
        try t.expectConsistent()
    }

    @Test func aZipBombIsRefusedLikeADocxBomb() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(.sqlite) else { return }
        let zip = t.dir.appendingPathComponent("bomb.zip")
        _ = try Python.json("""
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('big.txt', b'0' * (50 << 20))
            print('{}')
            """, [zip.path])
        let r = try CLI.run(["import", zip.path, "--store", t.location])
        #expect(r.status == 1)
        #expect(r.stderr.contains("zip bomb"), "\(r.stderr)")
        let failed = try CLI.run(["list", "--failed", "--format", "jsonl", "--store", t.location])
        #expect(try JSONValue.parse(failed.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["cause"]?.stringValue
            == "zip-bomb")
    }

    @Test func includeAndExcludeGlobs() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(.sqlite) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        _ = try CLI.makeCorpus(docs, count: 4)
        let r = try CLI.run(["import", docs.path, "--include", "*.txt", "--exclude", "kh-00002*", "--store", t.location])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(ImportCLITests.summaryCounts(r.stdout)["imported"] == 3)
        let files = try t.store.documents(DocumentFilter(allFiles: true)).map { URL(fileURLWithPath: $0.file).lastPathComponent }.sorted()
        #expect(files == ["kh-00000.txt", "kh-00001.txt", "kh-00003.txt"])
        #expect(Glob.matches("docs/*.txt", "./docs/a.txt"))
        #expect(!Glob.matches("docs/*.txt", "other/a.txt"))
        #expect(Glob.matches("*.pdf", "in/inbox.zip!/plans/x.pdf"))
    }

    /// A folder's sidecar files (JSON, CSV) are no documents; a PDF or HTML page under any name is.
    @Test func aFolderIsWalkedForDocumentsByContent() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-sidecars-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plans = try CLI.makeCorpus(dir, count: 1)
        try Data("{\"so\": \"1/KH-SNN\"}".utf8).write(to: dir.appendingPathComponent("kh-00000.json"))
        try Data("so,ngay\n1/KH-SNN,2023-01-01\n".utf8).write(to: dir.appendingPathComponent("index.csv"))
        try Data(try String(contentsOfFile: plans[0], encoding: .utf8).utf8).write(to: dir.appendingPathComponent("NOTES"))
        try Data("<html><body><p>Kế hoạch</p></body></html>".utf8).write(to: dir.appendingPathComponent("page.aspx"))
        try Data("%PDF-1.4\n".utf8).write(to: dir.appendingPathComponent("scan.bin"))
        let names = FolderWalk.collect([dir.path]).files.map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(names == ["NOTES", "kh-00000.txt", "page.aspx", "scan.bin"])
        // Named on the command line, a file is taken as it is.
        #expect(FolderWalk.collect([dir.appendingPathComponent("index.csv").path]).files.count == 1)
    }

    @Test(arguments: Backend.allCases)
    func failedFilesAreListedExportedAndClearedByALaterImport(_ backend: Backend) throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(backend) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        _ = try CLI.makeCorpus(docs, count: 1)
        let empty = docs.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        #expect(try CLI.run(["import", docs.path, "--store", t.location]).status == 1)

        let failed = try CLI.run(["list", "--failed", "--format", "jsonl", "--store", t.location])
        #expect(failed.status == 0)
        let f = try JSONValue.parse(failed.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(f["path"]?.stringValue == empty.path)
        #expect(f["cause"]?.stringValue == "empty")
        #expect(f["message"]?.stringValue == "empty file")
        #expect(f["sha256"] == .null)
        #expect(try CLI.run(["list", "--failed", "--store", t.location]).stdout.contains("empty.txt"))

        let csvFile = t.dir.appendingPathComponent("failures.csv")
        #expect(try CLI.run(["export", "--format", "csv", "--table", "failures", "-o", csvFile.path, "--store", t.location])
            .status == 0)
        let rows = Python.strings(try Python.json(ListingFormatTests.readCSV, [csvFile.path]))
        #expect(rows.first == ExportTable.failures.header)
        #expect(rows.count == 2 && rows[1][0] == empty.path && rows[1][3] == "empty")

        // The file is filled in and imported: its failure is gone.
        try Data(try String(contentsOfFile: docs.appendingPathComponent("kh-00000.txt").path, encoding: .utf8)
            .replacingOccurrences(of: "1/KH-SNN", with: "9/KH-SNN").utf8).write(to: empty)
        #expect(try CLI.run(["import", docs.path, "--store", t.location]).status == 0)
        #expect(try CLI.run(["list", "--failed", "--format", "jsonl", "--store", t.location]).stdout.isEmpty)
        #expect(try t.store.failures().isEmpty)
    }
}

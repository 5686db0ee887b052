import Foundation
import Testing
import ThiduaCore
@testable import ThiduaStore

/// Whole command lines of the built `thidua` binary against both backends.
@Suite(.serialized)
struct ImportCLITests {
    static func summaryCounts(_ stdout: String) -> [String: Int] {
        // "imported 3, unchanged 0, updated 0, failed 1 (4 files in 0.1 s)"
        guard let line = stdout.split(separator: "\n").first(where: { $0.hasPrefix("imported ") }) else { return [:] }
        var out: [String: Int] = [:]
        for part in line.split(separator: "(")[0].split(separator: ",") {
            let w = part.split(separator: " ")
            if w.count == 2, let n = Int(w[1]) { out[String(w[0])] = n }
        }
        return out
    }

    @Test(arguments: Backend.allCases)
    func importExportRoundTripMatchesExtract(_ backend: Backend) throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(backend) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        let files = try CLI.makeCorpus(docs, count: 12)
        let report = t.dir.appendingPathComponent("report.jsonl").path
        let first = try CLI.run(["import", docs.path, "--store", t.location, "--jobs", "3", "--report", report])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Self.summaryCounts(first.stdout) == ["imported": 12, "unchanged": 0, "updated": 0, "failed": 0])
        #expect(first.stdout.contains("diagnostics: error "))
        let statuses = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n")
            .map { try JSONValue.parse(String($0)) }
        #expect(statuses.count == 12)
        #expect(statuses.allSatisfy { $0["status"]?.stringValue == "imported" && $0["id"]?.intValue != nil })

        let export = try CLI.run(["export", "--format", "jsonl", "--store", t.location])
        #expect(export.status == 0)
        let lines = export.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 12)
        let extract = try CLI.run(["extract"] + files)
        #expect(extract.status == 0, "\(extract.stderr)")
        let expected = extract.stdout.split(separator: "\n").map(String.init)
        #expect(expected.count == 12)
        var byFile: [String: String] = [:]
        for l in expected { byFile[try JSONValue.parse(l).value(at: "source.file")?.stringValue ?? ""] = l }
        for l in lines {
            let json = try JSONValue.parse(String(l))
            #expect(json["schema"]?.stringValue == "thidua.record/1")
            let file = try #require(json.value(at: "source.file")?.stringValue)
            #expect(String(l) == byFile[file], "export of \(file) differs from extract")
        }

        // The same folder again: nothing extracted, nothing written.
        let again = try CLI.run(["import", docs.path, "--store", t.location])
        #expect(again.status == 0)
        #expect(Self.summaryCounts(again.stdout) == ["imported": 0, "unchanged": 12, "updated": 0, "failed": 0])

        // One file changed in place: a new version linked to the old one.
        let changed = URL(fileURLWithPath: files[3])
        try Data((try String(contentsOf: changed, encoding: .utf8) + "Bổ sung.\n").utf8).write(to: changed)
        let update = try CLI.run(["import", docs.path, "--store", t.location])
        #expect(Self.summaryCounts(update.stdout) == ["imported": 0, "unchanged": 11, "updated": 1, "failed": 0])
        let history = try t.store.documents(DocumentFilter(includeOldVersions: true)).filter { $0.file == files[3] }
        #expect(history.count == 2)
        #expect(history.last?.previousID == history.first?.id)
        #expect(history.last?.version == 2)

        // Reading commands.
        let list = try CLI.run(["list", "--store", t.location])
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count == 13)  // header + 12 current documents
        let show = try CLI.run(["show", String(history.last!.id), "--format", "json", "--store", t.location])
        #expect(show.stdout == history.last!.recordJSON + "\n")
        let showText = try CLI.run(["show", String(history.last!.id), "--store", t.location])
        #expect(showText.stdout.contains(history.last!.sha256))
        let csv = try CLI.run(["export", "--format", "csv", "--store", t.location])
        let rows = CSVExport.parse(csv.stdout)
        #expect(rows.count == 13 && rows[0] == CSVExport.header)
        let search = try CLI.run(["search", "phong trao thi dua", "--store", t.location])
        #expect(search.status == 0)
        #expect(search.stdout.split(separator: "\n").count == 13)  // full text holds it in every file
        let none = try CLI.run(["search", "khong co o dau ca", "--store", t.location])
        #expect(none.status == 1 && none.stdout.isEmpty)
        let ics = try CLI.run(["deadlines", "--format", "ics", "--store", t.location])
        #expect(ics.status == 0 && ics.stdout.hasPrefix("BEGIN:VCALENDAR\r\n"))
        try t.expectConsistent()
    }

    @Test(arguments: Backend.allCases)
    func badFilesFailOneLineEachAndTheBatchGoesOn(_ backend: Backend) throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(backend) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        _ = try CLI.makeCorpus(docs, count: 5)
        try Data().write(to: docs.appendingPathComponent("empty.txt"))
        try Data("%PDF-1.7\n garbage that is no PDF".utf8).write(to: docs.appendingPathComponent("broken.pdf"))
        try Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 1, 2, 3]).write(to: docs.appendingPathComponent("not-a-document.zip"))
        let missing = t.dir.appendingPathComponent("missing.txt").path
        let r = try CLI.run(["import", docs.path, missing, "--store", t.location])
        #expect(r.status == 1)
        let counts = Self.summaryCounts(r.stdout)
        #expect(counts["imported"] == 5)
        #expect(counts["failed"] == 4)
        let errors = r.stderr.split(separator: "\n")
        #expect(errors.count == 4)
        #expect(errors.allSatisfy { $0.hasPrefix("thidua: ") && $0.split(separator: ":").count >= 3 })
        #expect(errors.contains { $0.hasPrefix("thidua: \(docs.path)/empty.txt: ") })
        #expect(errors.contains { $0.hasPrefix("thidua: \(missing): ") })
        #expect(try t.store.counts()["document"] == 5)
        try t.expectConsistent()
    }

    @Test func nothingToImportCannotRun() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["import", dir.path, "--store", dir.appendingPathComponent("s.sqlite").path])
        #expect(r.status == 2)
        let list = try CLI.run(["list", "--store", dir.appendingPathComponent("none.sqlite").path])
        #expect(list.status == 2)
        #expect(list.stderr.hasPrefix("thidua: "))
    }

    /// kill -9 in the middle of a batch, then the same import again.
    @Test(arguments: Backend.allCases)
    func killedImportLeavesAConsistentStoreAndResumes(_ backend: Backend) throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(backend) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        let total = 1500
        _ = try CLI.makeCorpus(docs, count: total)
        let (p, _, _) = try CLI.launch(["import", docs.path, "--store", t.location, "--jobs", "2"])
        let observer = try t.reopen()
        let deadline = Date().addingTimeInterval(120)
        var seen = 0
        while Date() < deadline, p.isRunning {
            seen = (try? observer.counts()["document"]) ?? 0
            if seen >= 40 { break }
            usleep(2_000)
        }
        #expect(p.isRunning, "the import finished before it could be killed")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        // Its workers notice the importer is gone and stop; wait until they have.
        CLI.waitForWorkers(of: t.location)
        observer.close()

        let after = try t.reopen()
        let stored = try after.counts()["document"]
        #expect(stored >= seen && stored < total)
        after.close()
        try t.expectConsistent()

        let resumed = try CLI.run(["import", docs.path, "--store", t.location])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let counts = Self.summaryCounts(resumed.stdout)
        #expect(counts["unchanged"] == stored)
        #expect(counts["imported"] == total - stored)
        #expect(try t.store.counts()["document"] == total)
        try t.expectConsistent()
    }

    /// Two importers on the same folder into one store: each document once.
    @Test(arguments: Backend.allCases)
    func concurrentImportersNeverDuplicate(_ backend: Backend) throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(backend) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        let total = 300
        _ = try CLI.makeCorpus(docs, count: total)
        final class Box: @unchecked Sendable { var results: [CLI.Result?] = [nil, nil] }
        let box = Box()
        let group = DispatchGroup()
        let location = t.location
        for k in 0..<2 {
            group.enter()
            Thread {
                box.results[k] = try? CLI.run(["import", docs.path, "--store", location, "--jobs", "2"])
                group.leave()
            }.start()
        }
        group.wait()
        let a = try #require(box.results[0]), b = try #require(box.results[1])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(b.status == 0, "\(b.stderr)")
        let ca = Self.summaryCounts(a.stdout), cb = Self.summaryCounts(b.stdout)
        #expect((ca["imported"] ?? 0) + (cb["imported"] ?? 0) == total)
        #expect((ca["unchanged"] ?? 0) + (cb["unchanged"] ?? 0) == total)
        #expect(try t.store.counts()["document"] == total)
        #expect(try t.scalar("SELECT count(DISTINCT sha256) FROM document") == Int64(total))
        try t.expectConsistent()
    }
}

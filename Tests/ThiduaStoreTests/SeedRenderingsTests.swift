import Foundation
import Testing
import ThiduaCore
@testable import ThiduaStore

/// Every rendering of the shared plans (`../shared/seeds/NNN/`: text, PDF, DOCX, ODT, HTML,
/// a scan, TCVN3 and VNI text; without ../shared, the copies in `fixtures/seeds`, where only
/// plan 001 keeps its scan) is one document: once in `export`, `list` and `deadlines`, every
/// file with `--all-files`.
@Suite(.serialized)
struct SeedRenderingsTests {
    static let renderings = ["doc.txt", "doc.pdf", "doc.docx", "doc.odt", "doc.html", "doc-scan.pdf", "doc-tcvn3.txt",
                             "doc-vni.txt"]
    static let shared = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")
    static var seeds: URL {
        FileManager.default.fileExists(atPath: shared.path) ? shared : CLI.packageRoot.appendingPathComponent("fixtures/seeds")
    }

    /// The seed plans' renderings copied into one inbox, a folder per plan; how many files.
    static func inbox(_ t: TestStore) throws -> (folder: URL, plans: Int, files: Int)? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: seeds.path))?.sorted() ?? []
        guard !names.isEmpty else {
            Issue.record("no seed plans in \(seeds.path)")
            return nil
        }
        var files = 0
        let inbox = t.dir.appendingPathComponent("inbox")
        for name in names {
            let folder = inbox.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for r in renderings {
                let from = seeds.appendingPathComponent(name).appendingPathComponent(r)
                guard FileManager.default.fileExists(atPath: from.path) else { continue }
                try FileManager.default.copyItem(at: from, to: folder.appendingPathComponent(r))
                files += 1
            }
        }
        return (inbox, names.count, files)
    }

    func lines(_ t: TestStore, _ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [JSONValue] {
        let r = try CLI.run(args + ["--store", t.location])
        #expect(r.status == 0, "\(args): \(r.stderr)", sourceLocation: sourceLocation)
        return try r.stdout.split(separator: "\n").map { try JSONValue.parse(String($0)) }
    }

    @Test(arguments: Backend.allCases)
    func eightRenderingsAreOneDocument(_ backend: Backend) throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(backend), let (inbox, plans, files) = try Self.inbox(t) else { return }
        let imported = try CLI.run(["import", inbox.path, "--jobs", "2", "--store", t.location])
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")

        let exported = try lines(t, ["export", "--format", "jsonl"])
        #expect(exported.count == plans, "\(exported.map { $0.value(at: "source.file")?.stringValue ?? "" })")
        // Each plan is read from a file with a text layer, never from its scan.
        #expect(exported.allSatisfy { $0.value(at: "source.textLayer")?.stringValue != "ocr" })
        #expect(try lines(t, ["list", "--format", "jsonl"]).count == plans)
        let everyFile = try lines(t, ["list", "--format", "jsonl", "--all-files"])
        #expect(files > 2 * plans && everyFile.count == files)
        #expect(try lines(t, ["export", "--format", "jsonl", "--all-files"]).count == files)

        // Deadlines: the milestones of each plan once, from the file the plan is read from.
        let shaOfPlan = Set(exported.compactMap { $0.value(at: "source.sha256")?.stringValue })
        let dated = exported.map { r in
            (r.value(at: "campaign.milestones")?.arrayValue ?? []).filter { $0.value(at: "due.value")?.stringValue != nil }.count
        }.reduce(0, +)
        let deadlines = try lines(t, ["deadlines", "--format", "jsonl"])
        #expect(dated > 0)
        #expect(deadlines.count == dated)
        #expect(deadlines.allSatisfy { shaOfPlan.contains($0.value(at: "document.sha256")?.stringValue ?? "") })
        let table = try CLI.run(["deadlines", "--store", t.location])
        #expect(table.stdout.split(separator: "\n").count == dated + 1)

        // `show NUMBER` finds one document and lists all its files.
        let number = try #require(exported.first?.value(at: "document.number.canonical")?.stringValue)
        let filesOfPlan = everyFile.filter { $0.value(at: "document.number.canonical")?.stringValue == number }.count
        #expect(filesOfPlan >= 7)
        let show = try CLI.run(["show", number, "--store", t.location])
        #expect(show.status == 0, "\(show.stdout)\(show.stderr)")
        #expect(show.stdout.split(separator: "\n").filter { $0.hasPrefix("  - ") && $0.contains("; id ") }.count
            == filesOfPlan, "\(show.stdout)")
    }
}

import Foundation
import Testing
import ThiduaCore
@testable import ThiduaStore

/// `list`, `search` and `deadlines` as a table, JSON Lines or CSV; a table cuts cells
/// with "…" only on a terminal.
@Suite(.serialized)
struct ListingFormatTests {
    static let longTask = "Tổ chức sơ kết, đánh giá kết quả thực hiện phong trào thi đua tại các cơ quan, đơn vị, địa phương trên địa bàn tỉnh"

    static func store() throws -> TestStore? {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return nil }
        guard let t = try TestStore.make(.sqlite) else { return nil }
        var a = Samples.record("a")
        a.campaign.milestones[0].task = longTask
        _ = try t.store.save(a, path: "/in/a.txt", fullText: "nông thôn mới")
        var b = Samples.record("b", title: "Kế hoạch ngắn")
        b.document.number?.canonical = "57/KH-SNN"  // another document (the same number would be one in two files)
        _ = try t.store.save(b, path: "/in/b.txt", fullText: "")
        return t
    }

    static let readCSV = """
        import csv, io, json, sys
        print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read() if sys.argv[1] == '-' else open(sys.argv[1], encoding='utf-8-sig').read(), newline='')))))
        """

    func csv(_ t: TestStore, _ args: [String]) throws -> [[String]] {
        let file = t.dir.appendingPathComponent("\(UUID().uuidString).csv")
        let r = try CLI.run(args + ["--store", t.location])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("\u{FEFF}"))
        try Data(r.stdout.utf8).write(to: file)
        return Python.strings(try Python.json(Self.readCSV, [file.path]))
    }

    @Test func listAndSearchPipedKeepWholeCells() throws {
        guard let t = try Self.store() else { return }
        let title = Samples.record("a").document.title!
        #expect(title.count > 70)
        for args in [["list"], ["search", "nong thon moi"]] {
            let r = try CLI.run(args + ["--store", t.location])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains(title), "\(args)")
            #expect(!r.stdout.contains("…"), "\(args)")
        }
    }

    @Test func aTerminalGetsCutCells() throws {
        guard let t = try Self.store(), let bin = CLI.binary else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        // script(1) runs the command on a pseudo-terminal, as a person would see it.
        p.arguments = ["-qec", "'\(bin)' list --store '\(t.location)'", "/dev/null"]
        let out = Pipe()
        p.standardOutput = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(text.contains("…"), "\(text)")
        #expect(!text.contains(Samples.record("a").document.title!))
    }

    @Test func listAndSearchAsJSONLinesAreTheStoredRecords() throws {
        guard let t = try Self.store() else { return }
        let stored = try t.store.documents(DocumentFilter()).map(\.recordJSON)
        let list = try CLI.run(["list", "--format", "jsonl", "--store", t.location])
        #expect(list.status == 0)
        #expect(list.stdout == stored.map { $0 + "\n" }.joined())
        let search = try CLI.run(["search", "nong thon moi", "--format", "jsonl", "--store", t.location])
        // Ranked by relevance: the same records, in the order of the ranking.
        #expect(search.stdout.split(separator: "\n").map(String.init).sorted() == stored.sorted())
    }

    @Test func listAsCSV() throws {
        guard let t = try Self.store() else { return }
        let rows = try csv(t, ["list", "--format", "csv"])
        #expect(rows.first == CSVExport.header)
        let title = try #require(CSVExport.header.firstIndex(of: "title"))
        #expect(rows.dropFirst().map { $0[title] } == [Samples.record("a").document.title!, "Kế hoạch ngắn"])
        let limited = try csv(t, ["list", "--format", "csv", "--limit", "1"])
        #expect(limited.count == 2)
    }

    @Test func deadlinesAsJSONLinesAndCSV() throws {
        guard let t = try Self.store() else { return }
        let expected = try t.store.milestones(from: nil, to: nil)
        #expect(expected.contains { $0.task == Self.longTask })
        let r = try CLI.run(["deadlines", "--format", "jsonl", "--store", t.location])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try r.stdout.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        #expect(lines.map { $0["task"]?.stringValue ?? "" } == expected.map(\.task))
        #expect(lines.map { $0.value(at: "due.start")?.stringValue } == expected.map(\.dueStart))
        #expect(lines.map { $0.value(at: "document.number")?.stringValue } == expected.map(\.number))

        let rows = try csv(t, ["deadlines", "--format", "csv"])
        #expect(rows.first == DeadlineRows.header)
        let task = try #require(DeadlineRows.header.firstIndex(of: "task"))
        #expect(rows.dropFirst().map { $0[task] } == expected.map(\.task))

        let table = try CLI.run(["deadlines", "--store", t.location])
        #expect(table.stdout.contains(Self.longTask))
        #expect(!table.stdout.contains("…"))
    }
}

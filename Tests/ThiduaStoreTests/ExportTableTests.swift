import Foundation
import Testing
import ThiduaCore
@testable import ThiduaStore

/// `thidua export` as CSV (every table) and XLSX, read back by Python's csv module and openpyxl.
@Suite(.serialized)
struct ExportTableTests {
    static let trickyMovement = "Thi đua “Dân vận khéo”; “Vì người nghèo”, năm 2023"

    /// A store with two documents: one with a movement name holding ";" and "," and quotes.
    static func store() throws -> TestStore? {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return nil }
        guard let t = try TestStore.make(.sqlite) else { return nil }
        var a = Samples.record("a")
        a.campaign.movements.append(trickyMovement)
        _ = try t.store.save(a, path: "/in/a.txt", fullText: "")
        var b = Samples.record("b")
        b.document.number = nil
        b.campaign.awards = []
        _ = try t.store.save(b, path: "/in/b.txt", fullText: "")
        return t
    }

    static let readCSV = """
        import csv, io, json, sys
        raw = open(sys.argv[1], 'rb').read()
        text = raw.decode('utf-8-sig')
        rows = list(csv.reader(io.StringIO(text, newline='')))
        print(json.dumps({'bom': raw.startswith(b'\\xef\\xbb\\xbf'), 'rows': rows}))
        """

    func exportCSV(_ t: TestStore, _ extra: [String]) throws -> (bom: Bool, rows: [[String]])? {
        let file = t.dir.appendingPathComponent("out-\(UUID().uuidString).csv").path
        let r = try CLI.run(["export", "--format", "csv", "--store", t.location, "-o", file] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        guard let json = try Python.json(Self.readCSV, [file]) else { return nil }
        return (json["bom"] == .bool(true), Python.strings(json["rows"]))
    }

    @Test func documentsCSVHasABOMAndOneListItemPerLine() throws {
        guard let t = try Self.store(), let (bom, rows) = try exportCSV(t, []) else { return }
        #expect(bom)
        #expect(rows.first == CSVExport.header)
        #expect(rows.count == 3)
        let col = try #require(CSVExport.header.firstIndex(of: "movements"))
        let movements = rows.dropFirst().map { $0[col].components(separatedBy: "\n") }
        #expect(movements.contains(["Cả nước chung sức xây dựng nông thôn mới", "Đồng khởi khởi nghiệp", Self.trickyMovement]))
        #expect(rows.dropFirst().allSatisfy { $0.count == CSVExport.header.count })

        guard let (noBOM, again) = try exportCSV(t, ["--no-bom"]) else { return }
        #expect(!noBOM)
        #expect(again == rows)
    }

    @Test(arguments: ExportTable.allCases.filter { $0 != .documents && $0 != .failures })
    func childTablesHaveOneRowPerItem(_ table: ExportTable) throws {
        guard let t = try Self.store(), let (bom, rows) = try exportCSV(t, ["--table", table.rawValue]) else { return }
        #expect(bom)
        #expect(rows.first == table.header)
        let docs = try t.store.documents(DocumentFilter())
        let path = ["references": "references", "milestones": "campaign.milestones", "awards": "campaign.awards",
                    "movements": "campaign.movements"][table.rawValue]!
        var expected: [[String]] = []
        for d in docs {
            let items = try JSONValue.parse(d.recordJSON).value(at: path)?.arrayValue ?? []
            for (i, item) in items.enumerated() {
                let name = item.stringValue ?? item["task"]?.stringValue ?? item["name"]?.stringValue ?? item["text"]?.stringValue
                expected.append([String(d.id), d.number ?? "", String(i), name ?? ""])
            }
        }
        #expect(!expected.isEmpty)
        let nameColumn = try #require(table.header.firstIndex(of: ["references": "text", "milestones": "task"][table.rawValue] ?? "name"))
        #expect(rows.dropFirst().map { Array($0.prefix(3)) + [$0[nameColumn]] } == expected)
        #expect(rows.dropFirst().allSatisfy { $0.count == table.header.count })
        if table == .milestones {
            let due = try #require(table.header.firstIndex(of: "due_start"))
            #expect(rows.dropFirst().map { $0[due] }.contains("2023-10-01"))
        }
    }

    static let readXLSX = """
        import json, sys, datetime, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        def cell(v):
            if isinstance(v, datetime.datetime): return {'date': v.date().isoformat()}
            return v
        out = {}
        for ws in wb.worksheets:
            out[ws.title] = {'frozen': ws.freeze_panes, 'bold': bool(ws['A1'].font.b),
                             'rows': [[cell(v) for v in r] for r in ws.iter_rows(values_only=True)]}
        print(json.dumps(out))
        """

    @Test func xlsxHasEveryTableWithDatesAndAFrozenHeader() throws {
        guard let t = try Self.store() else { return }
        let file = t.dir.appendingPathComponent("w.xlsx").path
        let r = try CLI.run(["export", "--format", "xlsx", "--store", t.location, "-o", file])
        #expect(r.status == 0, "\(r.stderr)")
        guard let book = try Python.json(Self.readXLSX, [file]), case let .object(sheets) = book else { return }
        #expect(sheets.map(\.0) == ExportTable.allCases.map(\.rawValue))
        for table in ExportTable.allCases {
            let sheet = try #require(book[table.rawValue])
            #expect(sheet["frozen"]?.stringValue == "A2", "\(table)")
            #expect(sheet["bold"] == .bool(true))
            let rows = sheet["rows"]?.arrayValue ?? []
            #expect(rows.first?.arrayValue?.compactMap(\.stringValue) == table.header)
            guard let (_, csv) = try exportCSV(t, ["--table", table.rawValue]) else { return }
            #expect(rows.count == csv.count, "\(table): as many rows as the CSV")
        }
        let milestones = book["milestones"]?["rows"]?.arrayValue ?? []
        let start = try #require(ExportTable.milestones.header.firstIndex(of: "due_start"))
        let value = try #require(ExportTable.milestones.header.firstIndex(of: "due"))
        let quarter = try #require(milestones.first { $0.arrayValue?[value].stringValue == "2023-36" }?.arrayValue)
        #expect(quarter[start] == .object([("date", .string("2023-10-01"))]), "a day is a date cell")
        #expect(quarter[0].intValue != nil, "document_id is a number")
        let documents = book["documents"]?["rows"]?.arrayValue ?? []
        let movements = try #require(ExportTable.documents.header.firstIndex(of: "movements"))
        #expect(documents.dropFirst().contains { ($0.arrayValue?[movements].stringValue ?? "").contains(Self.trickyMovement) })
    }

    @Test func jsonlRefusesAChildTable() throws {
        guard let t = try Self.store() else { return }
        let r = try CLI.run(["export", "--format", "jsonl", "--table", "milestones", "--store", t.location])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--table is for csv and xlsx"))
    }

    @Test func excelDaySerials() {
        #expect(XLSXWriter.serial(ISODay("1900-03-01")!) == 61)
        #expect(XLSXWriter.serial(ISODay("2023-10-01")!) == 45_200)
        #expect(ISODay("2023-02-31") == nil)
        #expect(ISODay("2024-02-29") != nil)
        #expect(ISODay("2023-02-29") == nil)
        #expect(ISODay("2024-09-XX") == nil)
    }
}

import ArgumentParser
import Foundation
import ThiduaCore
import ThiduaStore

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the stored records as JSON Lines (as `thidua extract` prints them), CSV (RFC 4180) or an XLSX workbook.",
        discussion: """
            CSV starts with a UTF-8 byte-order mark so that Excel reads Vietnamese right (--no-bom for \
            tools that do not want one); a list inside a cell has one item per line. --table picks the \
            CSV's table: documents (default), references, milestones, awards or movements, one row per \
            item with the document's id and number. XLSX writes every table as a sheet of one workbook.
            """)

    enum OutputFormat: String, ExpressibleByArgument { case jsonl, csv, xlsx }

    @Option(name: .long, help: "jsonl, csv or xlsx.")
    var format: OutputFormat = .jsonl

    @Option(name: .long, help: ArgumentHelp(
        "The table to write as CSV (or the only sheet of the XLSX).", valueName: "documents|references|milestones|awards|movements"))
    var table: ExportTable?

    @Flag(name: .long, help: "CSV without the UTF-8 byte-order mark.")
    var noBom = false

    @OptionGroup var filters: DocumentFilterOptions

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if format == .jsonl, let table, table != .documents { throw ValidationError("--table is for csv and xlsx") }
        if format == .xlsx, output == nil, isatty(STDOUT_FILENO) == 1 {
            throw ValidationError("an XLSX workbook is binary: give -o FILE, or redirect standard output")
        }
    }

    func run() throws {
        let store = try storeOptions.open(creating: false)
        defer { store.close() }
        let filter = try filters.filter()
        switch format {
        case .jsonl, .csv:
            let sink = try Output.open(output)
            defer { sink.close() }
            let table = self.table ?? .documents
            if format == .csv { sink.write((noBom ? "" : CSVExport.byteOrderMark) + CSVExport.line(table.header)) }
            try Self.eachPage(store, filter) { page in
                var chunk = ""
                for d in page {
                    switch format {
                    case .csv: for row in table.rows(d) { chunk += CSVExport.line(row) }
                    default: chunk += d.recordJSON + "\n"
                    }
                }
                sink.write(chunk)
            }
        case .xlsx:
            let tables = table.map { [$0] } ?? ExportTable.allCases
            var rows = [[[ExportCell]]](repeating: [], count: tables.count)
            try Self.eachPage(store, filter) { page in
                for d in page {
                    let record = (try? JSONValue.parse(d.recordJSON)) ?? .null
                    for (i, t) in tables.enumerated() { rows[i] += t.rows(d, record: record) }
                }
            }
            let sheets = tables.enumerated().map { i, t in XLSXWriter.Sheet(name: t.rawValue, header: t.header, rows: rows[i]) }
            let data: Data
            do { data = try XLSXWriter.workbook(sheets) } catch { Console.fail("thidua: \(error)"); throw ExitCode(2) }
            try Output.write(data, to: output)
        }
    }

    /// Pages through the store so that memory stays flat however many documents it holds.
    static func eachPage(_ store: any RecordStore, _ filter: DocumentFilter, _ body: ([StoredDocument]) throws -> Void) throws {
        var filter = filter
        filter.limit = 500
        while true {
            let page = try storeCall(store) { try store.documents(filter) }
            try body(page)
            guard let last = page.last, page.count == filter.limit else { break }
            filter.afterID = last.id
        }
    }
}

extension ExportTable: ExpressibleByArgument {}

enum Output {
    final class Sink {
        let handle: FileHandle
        let owned: Bool
        init(_ handle: FileHandle, owned: Bool) {
            self.handle = handle
            self.owned = owned
        }
        func write(_ s: String) { handle.write(Data(s.utf8)) }
        func close() { if owned { try? handle.close() } }
    }

    static func open(_ path: String?) throws -> Sink {
        guard let path else { return Sink(.standardOutput, owned: false) }
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            Console.fail("thidua: \(path): cannot write")
            throw ExitCode(2)
        }
        return Sink(h, owned: true)
    }

    static func write(_ text: String, to path: String?) throws { try write(Data(text.utf8), to: path) }

    static func write(_ data: Data, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        do { try data.write(to: URL(fileURLWithPath: path)) } catch {
            Console.fail("thidua: \(path): cannot write (\(error.localizedDescription))")
            throw ExitCode(2)
        }
    }
}

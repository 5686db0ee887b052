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
            item with the document's id and number, or failures (the files that could not be imported). \
            XLSX writes every table as a sheet of one workbook.
            """)

    enum OutputFormat: String, ExpressibleByArgument { case jsonl, csv, xlsx }

    @Option(name: .long, help: "jsonl, csv or xlsx.")
    var format: OutputFormat = .jsonl

    @Option(name: .long, help: ArgumentHelp(
        "The table to write as CSV (or the only sheet of the XLSX).",
        valueName: "documents|references|milestones|awards|movements|failures"))
    var table: ExportTable?

    @Flag(name: .long, help: "CSV without the UTF-8 byte-order mark.")
    var noBom = false

    @OptionGroup var filters: DocumentFilterOptions

    @Flag(name: .customLong("with-corrections"), help: ArgumentHelp(
        "JSON Lines of {record, extracted, corrections}: the record with the reviewers' corrections (thidua serve) applied, the extraction, and who corrected which field when."))
    var withCorrections = false

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if format == .jsonl, let table, table != .documents { throw ValidationError("--table is for csv and xlsx") }
        if withCorrections, format != .jsonl { throw ValidationError("--with-corrections is for jsonl") }
        if format == .xlsx, output == nil, isatty(STDOUT_FILENO) == 1 {
            throw ValidationError("an XLSX workbook is binary: give -o FILE, or redirect standard output")
        }
    }

    /// One line of `--with-corrections`: the corrected record beside the extraction, with provenance.
    static func corrected(_ d: StoredDocument, _ store: any RecordStore) throws -> String {
        let extracted = try JSONValue.parse(d.recordJSON)
        let c = CorrectedRecord(extracted: extracted, corrections: try storeCall(store) { try store.corrections(sha256: d.sha256) })
        return JSONValue.object([("id", .int(Int(d.id))), ("record", c.record), ("extracted", extracted),
                                 ("corrections", c.provenanceJSON)]).serialized()
    }

    func run() throws {
        let store = try storeOptions.open(creating: false)
        defer { store.close() }
        let filter = try filters.filter()
        switch format {
        case .jsonl, .csv:
            let sink = try Output.open(output, store: storeOptions.store)
            let table = self.table ?? .documents
            if format == .csv { sink.write((noBom ? "" : CSVExport.byteOrderMark) + CSVExport.line(table.header)) }
            if table == .failures {
                let failures = try storeCall(store) { try store.failures() }
                sink.write(failures.map { CSVExport.line(ExportTable.row($0)) }.joined())
                return try sink.finish()
            }
            try Self.eachPage(store, filter) { page in
                var chunk = ""
                for d in page {
                    // A damaged record is an error, never a line of invalid JSON in the output.
                    try StoredRecordCheck.check(d, store: store)
                    switch format {
                    case .csv: for row in table.rows(d) { chunk += CSVExport.line(row) }
                    default: chunk += (withCorrections ? try Self.corrected(d, store) : d.recordJSON) + "\n"
                    }
                }
                sink.write(chunk)
            }
            try sink.finish()
        case .xlsx:
            let tables = table.map { [$0] } ?? ExportTable.allCases
            var rows = [[[ExportCell]]](repeating: [], count: tables.count)
            try Self.eachPage(store, filter) { page in
                for d in page {
                    try StoredRecordCheck.check(d, store: store)
                    let record = (try? JSONValue.parse(d.recordJSON)) ?? .null
                    for (i, t) in tables.enumerated() { rows[i] += t.rows(d, record: record) }
                }
            }
            if let i = tables.firstIndex(of: .failures) {
                rows[i] = try storeCall(store) { try store.failures() }.map(ExportTable.row)
            }
            let sheets = tables.enumerated().map { i, t in XLSXWriter.Sheet(name: t.rawValue, header: t.header, rows: rows[i]) }
            let data: Data
            do { data = try XLSXWriter.workbook(sheets) } catch { Console.fail("thidua: \(error)"); throw ExitCode(2) }
            try Output.write(data, to: output, store: storeOptions.store)
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

enum StoredRecordCheck {
    static func check(_ d: StoredDocument, store: any RecordStore) throws {
        let problem: String?
        do {
            let json = try JSONValue.parse(d.recordJSON)
            problem = json.value(at: "source.sha256")?.stringValue == d.sha256 ? nil : "its sha256 does not match its row"
        } catch {
            problem = "\(error)"
        }
        if let problem {
            Console.fail("thidua: \(store.location): document \(d.id) is damaged (\(problem))")
            throw ExitCode(2)
        }
    }
}

enum Output {
    /// Standard output, or a file written whole (see `OutputFile`).
    final class Sink {
        let file: OutputFile?
        init(_ file: OutputFile?) { self.file = file }
        func write(_ s: String) {
            if let file { file.write(s) } else { Console.raw(s) }
        }
        func write(_ d: Data) {
            if let file { file.write(bytes: Array(d)) } else { FileHandle.standardOutput.write(d) }
        }
        /// Puts the file in place; a failed write is one line and exit 2.
        func finish() throws {
            guard let file else { return }
            do { try file.commit() } catch {
                Console.fail("thidua: \(error)")
                throw ExitCode(2)
            }
        }
    }

    static func open(_ path: String?, store: String?) throws -> Sink {
        guard let path else { return Sink(nil) }
        do { return Sink(try OutputFile(path, store: store)) } catch {
            Console.fail("thidua: \(error)")
            throw ExitCode(2)
        }
    }

    static func write(_ text: String, to path: String?, store: String?) throws {
        let sink = try open(path, store: store)
        sink.write(text)
        try sink.finish()
    }

    static func write(_ data: Data, to path: String?, store: String?) throws {
        let sink = try open(path, store: store)
        sink.write(data)
        try sink.finish()
    }
}

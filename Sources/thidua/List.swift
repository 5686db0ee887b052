import ArgumentParser
import Foundation
import ThiduaCore
import ThiduaStore

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the stored documents: a table, the records as JSON Lines, or CSV.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var filters: DocumentFilterOptions
    @OptionGroup var listing: ListingOptions

    @Option(name: .long, help: "Show at most this many documents.")
    var limit: Int?

    @Flag(name: .long, help: "The files that could not be imported (path, sha256, cause, message, when), not the documents.")
    var failed = false

    func run() throws {
        let store = try storeOptions.open(creating: false)
        defer { store.close() }
        if failed {
            let failures = try storeCall(store) { try store.failures() }
            return listing.print(failures.prefix(limit ?? failures.count).map { $0 })
        }
        var filter = try filters.filter()
        filter.limit = limit
        let docs = try storeCall(store) { try store.documents(filter) }
        try listing.print(docs, store: store)
    }
}

/// `--format table|jsonl|csv` of `list` and `search`.
struct ListingOptions: ParsableArguments {
    enum OutputFormat: String, ExpressibleByArgument { case table, jsonl, csv }

    @Option(name: .long, help: "table (cells cut with … only on a terminal), jsonl (the stored records) or csv (as export's documents table).")
    var format: OutputFormat = .table

    @Flag(name: .long, help: "CSV without the UTF-8 byte-order mark.")
    var noBom = false

    /// A damaged stored record is an error (exit 2), never a line of invalid output.
    func print(_ docs: [StoredDocument], store: any RecordStore) throws {
        if format != .table { for d in docs { try StoredRecordCheck.check(d, store: store) } }
        switch format {
        case .table: Console.out(DocumentTable.render(docs, clipping: Terminal.standardOutput))
        case .jsonl: Console.write(docs.map { $0.recordJSON + "\n" }.joined())
        case .csv:
            Console.write((noBom ? "" : CSVExport.byteOrderMark) + CSVExport.line(CSVExport.header)
                + docs.map { CSVExport.line(CSVExport.cells($0)) }.joined())
        }
    }
}

extension ListingOptions {
    func print(_ failures: [FailedFile]) {
        switch format {
        case .table:
            let clipping = Terminal.standardOutput
            let rows = failures.map { f in
                [f.failedAt, f.cause, DocumentTable.clip(f.file, clipping ? 50 : nil), DocumentTable.clip(f.message, clipping ? 70 : nil)]
            }
            Console.out(DocumentTable.table(["FAILED", "CAUSE", "FILE", "MESSAGE"], rows))
        case .jsonl: Console.write(failures.map { ExportTable.json($0).serialized() + "\n" }.joined())
        case .csv:
            Console.write((noBom ? "" : CSVExport.byteOrderMark) + CSVExport.line(ExportTable.failures.header)
                + failures.map { CSVExport.line(ExportTable.row($0)) }.joined())
        }
    }
}

enum Terminal {
    /// Cells are cut to fit only for a person at a terminal; piped output keeps every character.
    static var standardOutput: Bool { isatty(STDOUT_FILENO) == 1 }
}

/// Filters `list` and `export` share.
struct DocumentFilterOptions: ParsableArguments {
    @Option(name: .long, help: "Only this kind code (KH, QĐ, CT, …).")
    var kind: String?

    @Option(name: .long, help: "Only issuers whose name (or parent's) contains this, ignoring case and diacritics.")
    var issuer: String?

    @Option(name: .long, help: "Only documents dated on or after this day (YYYY, YYYY-MM or YYYY-MM-DD).")
    var from: String?

    @Option(name: .long, help: "Only documents dated on or before this day (YYYY, YYYY-MM or YYYY-MM-DD).")
    var to: String?

    @Flag(name: .long, help: "Include the earlier versions of changed files.")
    var allVersions = false

    @Flag(name: .long, help: "Every file, not each document once (built from its best file: a text layer over OCR, then the newest).")
    var allFiles = false

    func filter() throws -> DocumentFilter {
        DocumentFilter(
            kind: kind, issuer: issuer, from: try from.map { try DayBound.parse($0, end: false) },
            to: try to.map { try DayBound.parse($0, end: true) }, includeOldVersions: allVersions, allFiles: allFiles)
    }
}

/// "2023" → 2023-01-01 (from) or 2023-12-31 (to); the ISO form compares as text.
enum DayBound {
    static func parse(_ s: String, end: Bool) throws -> String {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(p.count), p[0].count == 4, p.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
            p.dropFirst().allSatisfy({ $0.count == 2 })
        else { throw ValidationError("not a date: \(s) (YYYY, YYYY-MM or YYYY-MM-DD)") }
        switch p.count {
        case 1: return s + (end ? "-12-31" : "-01-01")
        case 2: return s + (end ? "-31" : "-01")
        default: return s
        }
    }
}

/// Store calls fail with one line and exit status 2.
func storeCall<T>(_ store: any RecordStore, _ body: () throws -> T) throws -> T {
    do { return try body() } catch {
        Console.fail("thidua: \(store.location): \(error)")
        throw ExitCode(2)
    }
}

enum DocumentTable {
    static func render(_ docs: [StoredDocument], clipping: Bool) -> String {
        let header = ["ID", "KIND", "NUMBER", "DATE", "FILES", "ISSUER", "TITLE"]
        let rows = docs.map { d in
            [String(d.id) + (d.version > 1 ? " (v\(d.version))" : ""), d.kindCode ?? d.kindName ?? "–",
             d.number ?? "–", d.date ?? "–", String(max(1, d.files.count)), clip(d.issuer ?? "–", clipping ? 40 : nil),
             clip(d.title ?? d.file, clipping ? 70 : nil)]
        }
        return table(header, rows)
    }

    /// Cut to `n` characters with "…", or whole when `n` is nil. A line break inside a
    /// cell would break the table's rows, so it becomes a space.
    static func clip(_ s: String, _ n: Int?) -> String {
        let flat = s.contains(where: \.isNewline) ? s.split(whereSeparator: \.isNewline).joined(separator: " ") : s
        guard let n, flat.count > n else { return flat }
        return String(flat.prefix(n - 1)) + "…"
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ r: [String]) -> String {
            r.enumerated().map { i, c in i == r.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.count) }
                .joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}

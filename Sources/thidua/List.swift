import ArgumentParser
import Foundation
import ThiduaCore
import ThiduaStore

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the stored documents as a table.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var filters: DocumentFilterOptions

    @Option(name: .long, help: "Show at most this many documents.")
    var limit: Int?

    func run() throws {
        let store = try storeOptions.open(creating: false)
        defer { store.close() }
        var filter = try filters.filter()
        filter.limit = limit
        let docs = try storeCall(store) { try store.documents(filter) }
        Console.out(DocumentTable.render(docs))
    }
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

    func filter() throws -> DocumentFilter {
        DocumentFilter(
            kind: kind, issuer: issuer, from: try from.map { try DayBound.parse($0, end: false) },
            to: try to.map { try DayBound.parse($0, end: true) }, includeOldVersions: allVersions)
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
    static func render(_ docs: [StoredDocument]) -> String {
        let header = ["ID", "KIND", "NUMBER", "DATE", "ISSUER", "TITLE"]
        let rows = docs.map { d in
            [String(d.id) + (d.version > 1 ? " (v\(d.version))" : ""), d.kindCode ?? d.kindName ?? "–",
             d.number ?? "–", d.date ?? "–", clip(d.issuer ?? "–", 40), clip(d.title ?? d.file, 70)]
        }
        return table(header, rows)
    }

    static func clip(_ s: String, _ n: Int) -> String { s.count > n ? String(s.prefix(n - 1)) + "…" : s }

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

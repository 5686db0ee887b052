import ArgumentParser
import Foundation
import ThiduaCore
import ThiduaStore

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find documents by words in their titles, movements, issuers or text.",
        discussion: """
            Full-text search (FTS5 on SQLite, tsvector on PostgreSQL): the words in this order, the \
            last one also as the start of a word; case and diacritics are ignored ("nong thon moi" \
            finds "nông thôn mới"; đ is d). The best match first, each document once; the table \
            shows the matching words in context. Exit status 1 when nothing matches, as grep does.
            """)

    @Argument(help: "Words to find, in this order.")
    var words: [String]

    @OptionGroup var listing: ListingOptions

    @Option(name: .long, help: "Show at most this many documents.")
    var limit: Int?

    @Flag(name: .long, help: "Every file that matches, not each document once.")
    var allFiles = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(creating: false)
        defer { store.close() }
        let text = words.joined(separator: " ")
        let hits = try storeCall(store) { try store.searchHits(text, limit: limit, allFiles: allFiles) }
        if hits.isEmpty { throw ExitCode(1) }
        guard listing.format == .table else { return try listing.print(hits.map(\.document), store: store) }
        let clipping = Terminal.standardOutput
        let rows = hits.map { h in
            [String(h.document.id), h.document.number ?? "–", h.document.date ?? "–",
             DocumentTable.clip(h.document.title ?? h.document.file, clipping ? 60 : nil),
             DocumentTable.clip(h.snippet, clipping ? 80 : nil)]
        }
        Console.out(DocumentTable.table(["ID", "NUMBER", "DATE", "TITLE", "MATCH"], rows))
    }
}

import ArgumentParser
import Foundation
import ThiduaCore
import ThiduaStore

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find documents by words in their titles, movements, issuers or text.",
        discussion: """
            Case and diacritics are ignored ("nong thon moi" finds "nông thôn mới"; đ is d). \
            Exit status 1 when nothing matches, as grep does.
            """)

    enum OutputFormat: String, ExpressibleByArgument { case table, jsonl }

    @Argument(help: "Words to find, in this order.")
    var words: [String]

    @Option(name: .long, help: "table, or jsonl (the stored records).")
    var format: OutputFormat = .table

    @Option(name: .long, help: "Show at most this many documents.")
    var limit: Int?

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(creating: false)
        defer { store.close() }
        let text = words.joined(separator: " ")
        let docs = try storeCall(store) { try store.search(text, limit: limit) }
        if docs.isEmpty { throw ExitCode(1) }
        switch format {
        case .table: Console.out(DocumentTable.render(docs))
        case .jsonl:
            for d in docs { try StoredRecordCheck.check(d, store: store) }
            for d in docs { Console.out(d.recordJSON) }
        }
    }
}

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

    @Argument(help: "Words to find, in this order.")
    var words: [String]

    @OptionGroup var listing: ListingOptions

    @Option(name: .long, help: "Show at most this many documents.")
    var limit: Int?

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(creating: false)
        defer { store.close() }
        let text = words.joined(separator: " ")
        let docs = try storeCall(store) { try store.search(text, limit: limit) }
        if docs.isEmpty { throw ExitCode(1) }
        try listing.print(docs, store: store)
    }
}

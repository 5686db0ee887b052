import ArgumentParser
import Foundation
import ThiduaCore
import ThiduaStore

struct Forget: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove a document (by id: every file that carries it) or a file (by path) from the store.",
        discussion: """
            Everything stored for it goes, child rows included, in one transaction. A later import of \
            the same file stores it again. Exit status: 0 removed, 1 nothing matched, 2 store unusable.
            """)

    @Argument(help: "A document id (as `list` shows it), or the path of an imported file (inbox.zip!/name for a ZIP entry).")
    var key: String

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        if !Stores.isPostgres(storeOptions.store), !FileManager.default.fileExists(atPath: storeOptions.store) {
            Console.fail("thidua: \(storeOptions.store): no store here (give --store)")
            throw ExitCode(2)
        }
        let store = try storeOptions.open(creating: true)
        defer { store.close() }
        let removed: Int
        if let id = Int64(key) {
            removed = try storeCall(store) { try store.forget(documentID: id) }
        } else {
            removed = try storeCall(store) { try store.forget(path: BatchImporter.absolute(key)) }
        }
        guard removed > 0 else {
            Console.fail("thidua: \(key): no such document or file in \(store.location)")
            throw ExitCode(1)
        }
        Console.out("forgot \(key): \(removed) stored file\(removed == 1 ? "" : "s")")
    }
}

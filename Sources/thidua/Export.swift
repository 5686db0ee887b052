import ArgumentParser
import Foundation
import ThiduaCore
import ThiduaStore

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the stored records as JSON Lines (as `thidua extract` prints them) or CSV (RFC 4180).")

    enum OutputFormat: String, ExpressibleByArgument { case jsonl, csv }

    @Option(name: .long, help: "jsonl or csv.")
    var format: OutputFormat = .jsonl

    @OptionGroup var filters: DocumentFilterOptions

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(creating: false)
        defer { store.close() }
        let filter = try filters.filter()
        let docs = try storeCall(store) { try store.documents(filter) }
        var out = ""
        switch format {
        case .jsonl:
            for d in docs { out += d.recordJSON + "\n" }
        case .csv:
            out += CSVExport.line(CSVExport.header)
            for d in docs { out += CSVExport.line(CSVExport.row(d)) }
        }
        try Output.write(out, to: output)
    }
}

enum Output {
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) } catch {
            Console.fail("thidua: \(path): cannot write (\(error.localizedDescription))")
            throw ExitCode(2)
        }
    }
}

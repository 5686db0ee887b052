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
        var filter = try filters.filter()
        let sink = try Output.open(output, store: storeOptions.store)
        if format == .csv { sink.write(CSVExport.line(CSVExport.header)) }
        // Page through the store so that memory stays flat however many documents it holds.
        filter.limit = 500
        while true {
            let page = try storeCall(store) { try store.documents(filter) }
            var chunk = ""
            for d in page {
                // A damaged record is an error, never a line of invalid JSON in the output.
                try StoredRecordCheck.check(d, store: store)
                switch format {
                case .jsonl: chunk += d.recordJSON + "\n"
                case .csv: chunk += CSVExport.line(CSVExport.row(d))
                }
            }
            sink.write(chunk)
            guard let last = page.last, page.count == filter.limit else { break }
            filter.afterID = last.id
        }
        try sink.finish()
    }
}

/// A stored record's JSON must parse and match its row: damage is reported, not passed on.
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
}

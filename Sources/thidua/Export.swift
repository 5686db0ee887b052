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
        let sink = try Output.open(output)
        defer { sink.close() }
        if format == .csv { sink.write(CSVExport.line(CSVExport.header)) }
        // Page through the store so that memory stays flat however many documents it holds.
        filter.limit = 500
        while true {
            let page = try storeCall(store) { try store.documents(filter) }
            var chunk = ""
            for d in page {
                switch format {
                case .jsonl: chunk += d.recordJSON + "\n"
                case .csv: chunk += CSVExport.line(CSVExport.row(d))
                }
            }
            sink.write(chunk)
            guard let last = page.last, page.count == filter.limit else { break }
            filter.afterID = last.id
        }
    }
}

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

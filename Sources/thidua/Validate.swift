import ArgumentParser
import Foundation
import ThiduaCore
import ThiduaStore

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check documents against the validation rules (rules/checks/*.yaml) and print what they find.",
        discussion: """
            Each diagnostic is printed with its rule, the record path it is about and the text \
            it was found in. Exit status: 0 when nothing worse than a warning (or info) was found, \
            1 when an error was (or a warning, with --strict), 2 when a file or the rules could not be read.
            """)

    enum OutputFormat: String, ExpressibleByArgument { case text, json }

    @Argument(help: "Documents to check (PDF, DOCX, ODT, HTML, text, Markdown); - reads standard input.")
    var files: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Check the records of a store (a SQLite file or a postgres:// URL) under the current rules.", valueName: "FILE|URL"))
    var store: String?

    func validate() throws {
        if files.isEmpty && store == nil { throw ValidationError("give documents to check, or --store") }
        try StandardInput.checkOnce(files)
    }

    @Option(name: .long, help: "text (one line per diagnostic) or json (one object per file).")
    var format: OutputFormat = .text

    @Flag(name: .long, help: "Fail (exit 1) on warnings too.")
    var strict = false

    @OptionGroup var reading: ReadingOptions

    func run() throws {
        let pipeline: Pipeline
        do { pipeline = try reading.pipeline() } catch { Console.fail("thidua: \(error)"); throw ExitCode(2) }
        var all: [Diagnostic] = []
        var unreadable = 0
        var checked = 0
        if let store {
            // Stored records are re-checked under the rules in force; what only the extractor
            // or a decoder could see is kept from the stored diagnostics.
            if !Stores.isPostgres(store), !FileManager.default.fileExists(atPath: store) {
                Console.fail("thidua: \(store): no store here"); throw ExitCode(2)
            }
            let db: any RecordStore
            do { db = try Stores.open(store, readOnly: true) } catch { Console.fail("thidua: \(error)"); throw ExitCode(2) }
            defer { db.close() }
            // Every current file: each file's record has its own diagnostics.
            var filter = DocumentFilter(limit: 500, allFiles: true)
            while true {
                let page: [StoredDocument]
                do { page = try db.documents(filter) } catch { Console.fail("thidua: \(store): \(error)"); throw ExitCode(2) }
                for d in page {
                    guard let json = try? JSONValue.parse(d.recordJSON) else {
                        unreadable += 1
                        Console.fail("thidua: \(d.file): stored record is not JSON")
                        continue
                    }
                    let diagnostics = pipeline.validator.revalidate(json)
                    checked += 1
                    all += diagnostics
                    switch format {
                    case .text: ValidationReport.text(file: d.file, diagnostics: diagnostics).forEach(Console.out)
                    case .json: Console.out(ValidationReport.json(file: d.file, diagnostics: diagnostics).serialized())
                    }
                }
                guard let last = page.last, page.count == filter.limit else { break }
                filter.afterID = last.id
            }
        }
        for file in files {
            let diagnostics: [Diagnostic]
            do { diagnostics = try pipeline.extract(input: file).diagnostics } catch {
                unreadable += 1
                Console.fail("thidua: \(file): \(error)")
                continue
            }
            all += diagnostics
            switch format {
            case .text: ValidationReport.text(file: file, diagnostics: diagnostics).forEach(Console.out)
            case .json: Console.out(ValidationReport.json(file: file, diagnostics: diagnostics).serialized())
            }
        }
        if format == .text { Console.out(ValidationReport.summary(files: checked + files.count - unreadable, diagnostics: all)) }
        if unreadable > 0 { throw ExitCode(2) }
        let status = ValidationReport.exitStatus(all, strict: strict)
        if status != 0 { throw ExitCode(status) }
    }
}

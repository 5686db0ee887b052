import ArgumentParser
import Foundation
import ThiduaCore

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract the record of each file: JSON (JSON Lines for several files) or a readable summary.")

    enum OutputFormat: String, ExpressibleByArgument { case json, text }

    @Argument(help: "Documents to read (PDF, DOCX, ODT, HTML, text, Markdown); - reads standard input.")
    var files: [String]

    @Option(name: .long, help: "json or text.")
    var format: OutputFormat = .json

    @Flag(name: .long, help: "Indent the JSON of a single record.")
    var pretty = false

    @OptionGroup var reading: ReadingOptions

    func validate() throws { try StandardInput.checkOnce(files) }

    func run() throws {
        let pipeline: Pipeline
        do { pipeline = try reading.pipeline() } catch { Console.fail("thidua: \(error)"); throw ExitCode(2) }
        var failed = 0
        for file in files {
            do {
                let record = try pipeline.extract(input: file)
                switch format {
                case .json: Console.out(record.json.serialized(pretty: pretty && files.count == 1))
                case .text: Console.out(RecordSummary.text(record) + (files.count > 1 ? "\n" : ""))
                }
            } catch {
                failed += 1
                Console.fail("thidua: \(file): \(error)")
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

struct TextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Print the repaired text of each page: the text that evidence offsets point into.")

    @Argument(help: "A document; - reads standard input.")
    var file: String

    @OptionGroup var reading: ReadingOptions

    func run() throws {
        let pipeline = try reading.pipeline()
        do {
            let pages = try pipeline.pageTexts(data: StandardInput.data(file))
            for (i, page) in pages.enumerated() {
                if pages.count > 1 { Console.out("\u{0C}--- page \(i + 1) ---") }
                Console.out(page)
            }
        } catch {
            Console.fail("thidua: \(file): \(error)")
            throw ExitCode(1)
        }
    }
}

import ArgumentParser
import Foundation
import ThiduaCore
import ThiduaStore

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
    @OptionGroup var isolation: IsolationOptions

    func validate() throws { try StandardInput.checkOnce(files) }

    func run() throws {
        let pipeline: Pipeline
        do { pipeline = try reading.pipeline() } catch { Console.fail("thidua: \(error)"); throw ExitCode(2) }
        let prettyOne = pretty && files.count == 1
        // A watchdog: each file in a worker process, stopped after --timeout.
        let launch = isolation.launch(.extract, extra: ["--format", format.rawValue] + (prettyOne ? ["--pretty"] : []),
                                      reading: reading)
        let worker = launch.map(WorkerProcess.init)
        defer { worker?.stop() }
        var failed = 0
        for file in files {
            do {
                let output: String
                if let worker, file != "-" {
                    // The file's own problems (missing, a directory) are found here, without a worker.
                    _ = try Intake.check(path: file)
                    output = try Self.extractIsolated(file, worker)
                } else {
                    // Standard input is read here: a worker reads files by path.
                    output = Self.render(try pipeline.extract(input: file), format, prettyOne)
                }
                Console.out(output + (format == .text && files.count > 1 ? "\n" : ""))
            } catch {
                failed += 1
                Console.fail("thidua: \(file): \(error)")
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }

    static func render(_ record: Record, _ format: OutputFormat, _ pretty: Bool) -> String {
        switch format {
        case .json: return record.json.serialized(pretty: pretty)
        case .text: return RecordSummary.text(record)
        }
    }

    struct WorkerFailure: Error, CustomStringConvertible { var description: String }

    static func extractIsolated(_ file: String, _ worker: WorkerProcess) throws -> String {
        switch worker.request(JSONValue.object([("file", .string(file))]).serialized()) {
        case let .reply(text):
            let j = try JSONValue.parse(text)
            if case .bool(true)? = j["ok"], let out = j["output"]?.stringValue { return out }
            throw WorkerFailure(description: j["error"]?.stringValue ?? "failed")
        case let outcome:
            throw WorkerFailure(description: outcome.cause ?? "failed")
        }
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

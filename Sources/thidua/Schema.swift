import ArgumentParser
import Foundation
import ThiduaCore

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the JSON Schema of the record (thidua.record/1) or its documentation, or check records against it.",
        discussion: """
            Checking is strict: a key the schema does not list, or a date that is no calendar day \
            (2023-02-31), is an error. Exit status 1 when a record does not conform.
            """)

    @Argument(help: "JSON or JSON Lines files of records to check (- reads standard input); none prints the schema.")
    var files: [String] = []

    @Flag(name: .long, help: "Print the record's documentation (docs/RECORD.md) generated from the schema.")
    var markdown = false

    func validate() throws {
        try StandardInput.checkOnce(files)
        if markdown, !files.isEmpty { throw ValidationError("--markdown prints the documentation; it checks no files") }
    }

    func run() throws {
        let validator: SchemaValidator
        do { validator = try SchemaValidator.recordSchema() } catch { Console.fail("thidua: \(error)"); throw ExitCode(2) }
        if markdown {
            Console.write(SchemaDocs.markdown(validator.schema))
            return
        }
        if files.isEmpty {
            Console.out(validator.schema.serialized(pretty: true))
            return
        }
        var bad = 0
        for file in files {
            let data = file == StandardInput.name ? try? Intake.read(.standardInput) : FileManager.default.contents(atPath: file)
            guard let data, let text = String(data: data, encoding: .utf8) else {
                Console.fail("thidua: \(file): cannot read")
                bad += 1
                continue
            }
            for (i, line) in text.split(separator: "\n").enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                do {
                    let errors = validator.validate(try JSONValue.parse(String(line)))
                    for e in errors.prefix(5) { Console.out("\(file):\(i + 1): \(e)") }
                    if !errors.isEmpty { bad += 1 }
                } catch {
                    Console.out("\(file):\(i + 1): \(error)")
                    bad += 1
                }
            }
        }
        if bad > 0 { throw ExitCode(1) }
    }
}

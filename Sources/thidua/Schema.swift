import ArgumentParser
import Foundation
import ThiduaCore

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the JSON Schema of the record (thidua.record/1), or check records against it.")

    @Argument(help: "JSON or JSON Lines files of records to check (- reads standard input); none prints the schema.")
    var files: [String] = []

    func validate() throws { try StandardInput.checkOnce(files) }

    func run() throws {
        let validator: SchemaValidator
        do { validator = try SchemaValidator.recordSchema() } catch { Console.fail("thidua: \(error)"); throw ExitCode(2) }
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

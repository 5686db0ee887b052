import ArgumentParser
import Foundation
import ThiduaCore
import ThiduaStore

@main
struct Thidua: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thidua",
        abstract: "Turns Vietnamese plan documents (Kế hoạch) into structured, validated records.",
        version: ThiduaVersion.string,
        subcommands: [Extract.self, TextCommand.self, Validate.self, Import.self, List.self, Show.self, Search.self,
                      Export.self, Deadlines.self, Forget.self, Schema.self, Backup.self, Serve.self, Worker.self])
}

/// Options every command that reads documents shares.
struct ReadingOptions: ParsableArguments {
    @Option(name: .long, help: "OCR for pages without a usable text layer: auto, always or never.")
    var ocr: OCRMode = .auto

    @Option(name: .long, help: "A folder of extra validation rules (house rules) added over the built-in ones.")
    var rules: [String] = []

    @Option(name: .customLong("rules-dir"),
            help: "A whole rules folder to use instead of the one shipped with thidua (default: $THIDUA_RULES, else the shipped one).")
    var rulesDir: String?

    func pipeline() throws -> Pipeline {
        try Pipeline(rulesDirectory: try RulesFolder.resolve(rulesDir), extraRules: rules.map { URL(fileURLWithPath: $0) },
                     options: DecodeOptions(ocr: ocr))
    }
}

/// The rules folder the command line asks for: `--rules-dir`, else `$THIDUA_RULES`, else nil (the shipped one).
enum RulesFolder {
    static func resolve(_ flag: String?) throws -> URL? {
        let env = ProcessInfo.processInfo.environment["THIDUA_RULES"]
        guard let path = flag ?? (env?.isEmpty == false ? env : nil) else { return nil }
        guard let url = RulesLocator.locate(explicit: path) else {
            throw ThiduaError(.rules, "\(path): not a rules folder (no lexicon/kinds.yaml in it)")
        }
        return url
    }
}

extension OCRMode: ExpressibleByArgument {}

/// A `--report` line: the importer's result, and the thidua release that produced it.
enum ReportLine {
    static func json(_ result: ImportResult) -> JSONValue {
        guard case var .object(pairs) = result.json else { return result.json }
        pairs.append(("thidua", .string(ThiduaVersion.string)))
        return .object(pairs)
    }
}

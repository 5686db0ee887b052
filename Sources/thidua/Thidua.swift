import ArgumentParser
import Foundation
import ThiduaCore

@main
struct Thidua: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thidua",
        abstract: "Turns Vietnamese plan documents (Kế hoạch) into structured, validated records.",
        subcommands: [Extract.self, TextCommand.self, Validate.self, Import.self, List.self, Show.self, Search.self,
                      Export.self, Deadlines.self, Schema.self, Backup.self, Worker.self])
}

/// Options every command that reads documents shares.
struct ReadingOptions: ParsableArguments {
    @Option(name: .long, help: "OCR for pages without a usable text layer: auto, always or never.")
    var ocr: OCRMode = .auto

    @Option(name: .long, help: "A folder of extra validation rules (house rules) added over the built-in ones.")
    var rules: [String] = []

    func pipeline() throws -> Pipeline {
        try Pipeline(extraRules: rules.map { URL(fileURLWithPath: $0) }, options: DecodeOptions(ocr: ocr))
    }
}

extension OCRMode: ExpressibleByArgument {}

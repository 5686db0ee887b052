import Foundation

/// The cascade, in order:
/// bytes ─▶ Detect ─▶ Decode ─▶ Repair ─▶ Segment ─▶ Extract (with Normalize) ─▶ Validate.
/// Each stage takes the previous stage's type, so a misplaced stage does not compile.
public struct Pipeline: Sendable {
    public let lexicon: Lexicon
    public let validator: Validator
    public var options: DecodeOptions

    /// Loads the lexicon and the validation rules from `rules/` (see `RulesLocator`),
    /// adding the rules of `extraRules` (a province's house rules) over the built-in ones.
    public init(rulesDirectory: URL? = nil, extraRules: [URL] = [], options: DecodeOptions = .init()) throws {
        guard let dir = rulesDirectory ?? RulesLocator.locate() else {
            throw ThiduaError(.rules, "cannot find the rules/ folder (the resource bundle beside the binary is missing; pass --rules-dir or set THIDUA_RULES)")
        }
        var lexicon = try Lexicon.load(from: dir)
        try lexicon.addCues(from: extraRules)
        self.lexicon = lexicon
        self.validator = try Validator(rulesDirectory: dir, extra: extraRules, lexicon: lexicon)
        self.options = options
        self.options.closingHeadings = lexicon.layout.recipientHeadingWords
    }

    /// Extracts the record of the file at `path` (`file` in the record is `path` as given).
    public func extract(path: String) throws -> Record {
        let data = try Intake.read(path: path)
        return try extract(data: data, file: path)
    }

    public func extract(data: Data, file: String) throws -> Record {
        try extractWithText(data: data, file: file).record
    }

    /// The record and the repaired page texts from one decode (the store's full-text search).
    /// `sha256` is the bytes' digest when the caller has it already.
    public func extractWithText(data: Data, file: String, sha256: String? = nil) throws -> (record: Record, pages: [String]) {
        let repaired = try decodeAndRepair(data)
        let zones = Segmenter(lexicon: lexicon).segment(repaired)
        let (extracted, findings) = FieldExtractor(lexicon: lexicon).extract(zones)
        var record = extracted
        record.source = Source(
            file: file, sha256: sha256 ?? SHA256.hex(data), format: repaired.source.format,
            pages: repaired.source.pageCount, textLayer: repaired.source.textLayer,
            encoding: repaired.source.encoding, ocrConfidence: repaired.source.ocrConfidence)
        record.diagnostics = repaired.source.diagnostics + record.diagnostics
        record.diagnostics += validator.validate(record.json, findings: findings)
        return (record, repaired.pageTexts)
    }

    /// The repaired page texts that evidence offsets point into (`thidua text`).
    public func pageTexts(path: String) throws -> [String] {
        try pageTexts(data: try Intake.read(path: path))
    }

    public func pageTexts(data: Data) throws -> [String] {
        try decodeAndRepair(data).pageTexts
    }

    func decodeAndRepair(_ data: Data) throws -> RepairedDocument {
        let format = try FormatDetector.detect(data)
        let decoded = try Decoders.decode(data, format: format, options: options)
        return Repairer.repair(decoded)
    }
}

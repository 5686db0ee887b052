import Foundation
import ThiduaCore

/// What every fuzz target shares: the rules loaded once, the cascade after a decoder,
/// and the libFuzzer driver.
public enum FuzzHarness {
    /// OCR is off: tesseract is not the code under test, and a scan per input would
    /// cut the executions per second a hundredfold.
    public static let pipeline: Pipeline = {
        do { return try Pipeline(options: DecodeOptions(ocr: .never)) } catch {
            fatalError("fuzz harness: cannot load the rules: \(error)")
        }
    }()

    public static func bytes(_ start: UnsafeRawPointer, _ count: Int) -> Data {
        Data(bytes: start, count: count)
    }

    /// Decodes with the decoder of `format` (not the detector's choice, so a mutant that
    /// lost its `%PDF` still reaches the PDF decoder) and runs the rest of the cascade.
    /// A thrown error is a refusal, which is fine; a trap or a sanitizer report is not.
    public static func decodeAndExtract(_ data: Data, format: DocumentFormat) {
        guard let decoded = try? Decoders.decode(data, format: format, options: pipeline.options) else { return }
        extract(decoded)
    }

    public static func extract(_ decoded: DecodedDocument) {
        let repaired = Repairer.repair(decoded)
        let zones = Segmenter(lexicon: pipeline.lexicon).segment(repaired)
        let (record, findings) = FieldExtractor(lexicon: pipeline.lexicon).extract(zones)
        _ = pipeline.validator.validate(record.json, findings: findings)
        checkJSON(record.json)
    }

    /// The record must serialize to JSON that parses back: `extract` and `export` print it.
    public static func checkJSON(_ value: JSONValue) {
        let line = value.serialized()
        do { _ = try JSONValue.parse(line) } catch {
            fatalError("a record serialized to invalid JSON (\(error)): \(line.prefix(300))")
        }
    }

    /// Input as text, the way the normalizers receive it: decoded UTF-8, invalid bytes replaced.
    public static func text(_ start: UnsafeRawPointer, _ count: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    }
}

public typealias FuzzCallback = @convention(c) (UnsafeRawPointer, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzCallback) -> CInt

/// SwiftPM links a debug executable with `main` renamed to `<Module>_main`, which
/// `-parse-as-library` never emits; each target defines that symbol and lands here,
/// handing control to libFuzzer's own driver.
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ callback: FuzzCallback) -> CInt {
    _ = FuzzHarness.pipeline  // load the rules before the clock starts
    var count = argc
    var vector = argv
    return llvmFuzzerRunDriver(&count, &vector, callback)
}

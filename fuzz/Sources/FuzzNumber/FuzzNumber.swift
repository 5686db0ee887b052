import FuzzSupport
import ThiduaCore

/// The document-number normalizer ("56/KH-SNN", "123-KH/TU"): one number, and every number in a text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = FuzzHarness.text(start, count)
    let kinds = FuzzHarness.pipeline.lexicon.kindCodes
    if let number = DocNumberParser.parse(text, kindCodes: kinds) { FuzzHarness.checkJSON(number.json) }
    for match in DocNumberParser.findAll(in: text, kindCodes: kinds) { _ = text[match.range] }
    return 0
}

@_cdecl("FuzzNumber_main")
public func FuzzNumberMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}

import FuzzSupport
import ThiduaCore

/// The date normalizer: a whole phrase, and every date found in a text (each range must slice the text).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = FuzzHarness.text(start, count)
    _ = VnDateParser.parse(text)
    for match in VnDateParser.findAll(in: text) { _ = text[match.range] }
    return 0
}

@_cdecl("FuzzDate_main")
public func FuzzDateMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}

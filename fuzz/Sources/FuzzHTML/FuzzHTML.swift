import FuzzSupport
import ThiduaCore

/// HTML through libxml2's HTML parser, charset checks, layout tables and the cascade.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzHarness.decodeAndExtract(FuzzHarness.bytes(start, count), format: .html)
    return 0
}

@_cdecl("FuzzHTML_main")
public func FuzzHTMLMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}

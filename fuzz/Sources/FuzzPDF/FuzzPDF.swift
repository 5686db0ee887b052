import FuzzSupport
import ThiduaCore

/// PDF bytes through poppler (no OCR), the layout readers and the cascade.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzHarness.decodeAndExtract(FuzzHarness.bytes(start, count), format: .pdf)
    return 0
}

@_cdecl("FuzzPDF_main")
public func FuzzPDFMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}

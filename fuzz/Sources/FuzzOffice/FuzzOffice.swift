import FuzzSupport
import ThiduaCore

/// ZIP containers: the same bytes as DOCX and as ODT (ZIP checks, XML parts, styles), and the detector.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = FuzzHarness.bytes(start, count)
    _ = try? FormatDetector.detect(data)
    FuzzHarness.decodeAndExtract(data, format: .docx)
    FuzzHarness.decodeAndExtract(data, format: .odt)
    return 0
}

@_cdecl("FuzzOffice_main")
public func FuzzOfficeMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}

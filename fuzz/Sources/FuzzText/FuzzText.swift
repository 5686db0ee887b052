import FuzzSupport
import ThiduaCore

/// Plain text: encoding detection (UTF-8, windows-1258, TCVN3, VNI, VISCII, VIQR), legacy repair, the cascade.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = FuzzHarness.bytes(start, count)
    _ = LegacyEncoding.decodeBytes(data)
    FuzzHarness.decodeAndExtract(data, format: .text)
    return 0
}

@_cdecl("FuzzText_main")
public func FuzzTextMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}

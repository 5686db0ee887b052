import Foundation

// Placeholder until the PDF decoder lands; replaced wholesale.
public enum PDFDecoder {
    public static func decode(_ data: Data, options: DecodeOptions) throws -> DecodedDocument {
        throw ThiduaError(.unsupportedFormat, "PDF reading is not built yet")
    }
}

import Foundation

/// How to treat pages without a usable text layer.
public enum OCRMode: String, Sendable, CaseIterable {
    case auto, always, never
}

public struct DecodeOptions: Sendable {
    public var ocr: OCRMode
    public init(ocr: OCRMode = .auto) { self.ocr = ocr }
}

/// Picks the decoder for a detected format.
public enum Decoders {
    public static func decode(_ data: Data, format: DocumentFormat, options: DecodeOptions) throws -> DecodedDocument {
        switch format {
        case .pdf: return try PDFDecoder.decode(data, options: options)
        case .image: return try ImageDecoder.decode(data, options: options)
        case .docx: return try DOCXDecoder.decode(data)
        case .odt: return try ODTDecoder.decode(data)
        case .html: return try HTMLDecoder.decode(data)
        case .rtf, .doc: return try LegacyOfficeDecoder.decode(data, format: format)
        case .text, .markdown: return try TextDecoder.decode(data)
        }
    }
}

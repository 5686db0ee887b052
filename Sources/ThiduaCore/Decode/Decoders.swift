import Foundation

/// How to treat pages without a usable text layer.
public enum OCRMode: String, Sendable, CaseIterable {
    case auto, always, never
}

public struct DecodeOptions: Sendable {
    public var ocr: OCRMode
    /// The recipients heading, each form's words folded without marks (`Fold.ascii`): on a
    /// scanned page it opens the closing zone, which OCR reads a second time with settings
    /// of its own. The pipeline fills it from the lexicon (`layout.yaml`); empty, no zone.
    public var closingHeadings: [[String]]
    public init(ocr: OCRMode = .auto, closingHeadings: [[String]] = []) {
        self.ocr = ocr
        self.closingHeadings = closingHeadings
    }
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

import Foundation

/// A photographed or scanned page (PNG, JPEG, TIFF with one or more pages) read as
/// a scanned PDF's pages are: recognized by tesseract, then laid out from the words' boxes.
public enum ImageDecoder {
    public static func decode(_ data: Data, options: DecodeOptions) throws -> DecodedDocument {
        if options.ocr == .never {
            throw ThiduaError(.noText, "an image has no text without OCR (--ocr never)")
        }
        let images = try LeptonicaImage.pages(data)
        let results = try PageOCR.recognize(images: images, closing: options.closingHeadings)
        var diagnostics: [Diagnostic] = []
        var confidences: [Double] = []
        for (i, r) in results.enumerated() {
            guard let c = r.confidence else { continue }
            confidences.append(c)
            if c < PageOCR.lowConfidence {
                diagnostics.append(Diagnostic(
                    rule: "ocr-low-confidence", severity: .warning,
                    message: "page \(i + 1): OCR confidence \(Int(c.rounded())) (below \(Int(PageOCR.lowConfidence)))"))
            }
        }
        let blocks = DocumentLayout.blocks(results.map(\.page))
        return DecodedDocument(
            format: .image, blocks: blocks, pageCount: images.count,
            textLayer: results.contains { !$0.page.words.isEmpty } ? .ocr : TextLayer.none, encoding: "utf-8",
            diagnostics: diagnostics,
            ocrConfidence: confidences.isEmpty ? nil : confidences.reduce(0, +) / Double(confidences.count))
    }
}

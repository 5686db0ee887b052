import Foundation

/// Reads a PDF into rows with geometry and tables, from its text layer or,
/// for pages without a usable one, from OCR of the rendered page.
public enum PDFDecoder {
    public static func decode(_ data: Data, options: DecodeOptions) throws -> DecodedDocument {
        try ImageSizeCheck.check(data)
        let pdf = try PopplerPDF(data: data)
        let count = pdf.pageCount
        guard count > 0 else { throw ThiduaError(.pdfDamaged, "damaged PDF: no pages") }

        var layoutPages: [LayoutPage?] = Array(repeating: nil, count: count)
        let source = PDFSource(data: data)
        var unusable: [(page: Int, quality: TextLayerQuality)] = []
        for i in 0..<count {
            guard let page = pdf.page(i) else { continue }
            let (w, h) = page.size
            if options.ocr == .always {
                layoutPages[i] = LayoutPage(number: i + 1, width: w, height: h, words: [])
                unusable.append((i + 1, .missing))
                continue
            }
            let layer = page.textLayer()
            let quality = TextLayerQuality.assess(layer.chars, imageCoverage: { page.imageCoverage() })
            switch quality {
            case .usable:
                var lp = LayoutPage.fromTextLayer(layer, number: i + 1, width: w, height: h)
                lp.words += SignatureWidgets.recoverWords(page, number: i + 1, source: source, existing: lp.words)
                layoutPages[i] = lp
            case .blank:
                layoutPages[i] = LayoutPage(number: i + 1, width: w, height: h, words: [])
            case .missing, .garbled:
                layoutPages[i] = LayoutPage(number: i + 1, width: w, height: h, words: [])
                unusable.append((i + 1, quality))
            }
        }

        var diagnostics: [Diagnostic] = []
        var textLayer: TextLayer = .native
        var confidence: Double?
        if !unusable.isEmpty {
            var ocrError: ThiduaError?
            var results: [Int: PageOCR.Result] = [:]
            if options.ocr != .never {
                do {
                    results = try PageOCR.recognize(pdf: data, pages: unusable.map(\.page), closing: options.closingHeadings)
                } catch let e as ThiduaError {
                    if options.ocr == .always { throw e }
                    ocrError = e
                }
            }
            var confidences: [Double] = []
            for (number, r) in results.sorted(by: { $0.key < $1.key }) {
                layoutPages[number - 1] = r.page
                if let c = r.confidence {
                    confidences.append(c)
                    if c < PageOCR.lowConfidence {
                        diagnostics.append(Diagnostic(
                            rule: "ocr-low-confidence", severity: .warning,
                            message: "page \(number): OCR confidence \(Int(c.rounded())) (below \(Int(PageOCR.lowConfidence)))"))
                    }
                }
            }
            let recognized = results.values.contains { !$0.page.words.isEmpty }
            if recognized {
                textLayer = .ocr
                confidence = confidences.isEmpty ? nil : confidences.reduce(0, +) / Double(confidences.count)
            }
            let missed = unusable.filter { results[$0.page] == nil }
            if !missed.isEmpty {
                let garbled = missed.contains { $0.quality == .garbled }
                let why = garbled ? "broken font map (ToUnicode)" : "no text layer (scan or stamp only)"
                let ocrNote = options.ocr == .never ? "OCR off" : (ocrError.map { "OCR unavailable: \($0.message)" } ?? "OCR failed")
                diagnostics.append(Diagnostic(
                    rule: "pdf-no-text-layer", severity: .warning,
                    message: "\(pageList(missed.map(\.page))): \(why); \(ocrNote)"))
            }
            if !recognized {
                let nativeText = layoutPages.contains { $0.map { !$0.words.isEmpty } ?? false }
                textLayer = nativeText ? .native : .none
            }
        }

        let blocks = DocumentLayout.blocks(layoutPages.compactMap { $0 })
        if textLayer == .native, blocks.isEmpty, unusable.isEmpty {
            // Only blank pages: nothing to read, nothing to OCR.
            textLayer = .none
        }
        return DecodedDocument(format: .pdf, blocks: blocks, pageCount: count, textLayer: textLayer,
                               encoding: "utf-8", diagnostics: diagnostics, ocrConfidence: confidence)
    }

    private static func pageList(_ pages: [Int]) -> String {
        pages.count == 1 ? "page \(pages[0])" : "pages " + pages.map(String.init).joined(separator: ", ")
    }
}

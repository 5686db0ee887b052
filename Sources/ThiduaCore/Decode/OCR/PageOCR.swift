import CTesseract
import Foundation

/// Recognizes rendered pages with tesseract, several at once (one engine per worker).
enum PageOCR {
    static let dpi = 300.0
    static let lowConfidence = 70.0
    /// Pages are read with tesseract's own layout analysis (as `tesseract` does by
    /// default): reading whole lines keeps the LSTM's context, the colons and semicolons.
    /// Sparse text, used before, broke lines into fragments: on 13 plans scanned at
    /// 200 dpi it misread 4× more words ("Căn cử", "phổ", "Nơi nhân") and the scans
    /// scored 0.76 against 0.95 now.
    static let pageMode = PSM_AUTO

    struct Result: Sendable {
        var page: LayoutPage
        var confidence: Double?
    }

    /// `pages` are 1-based page numbers of the PDF in `data`. Each worker opens its
    /// own poppler document and tesseract engine: neither is thread-safe.
    static func recognize(pdf data: Data, pages: [Int], closing: [[String]]) throws -> [Int: Result] {
        try inParallel(pages.count, open: { try PopplerPDF(data: data) }) { pdf, engine, k in
            let number = pages[k]
            guard let page = pdf.page(number - 1) else { return nil }
            return (number, recognize(page, number: number, engine: engine, closing: closing))
        }
    }

    /// Items `0..<count` over one worker per core (at most one per item), each worker with its
    /// own tesseract engine and its own `open()` context; `body` gives an item's result and
    /// the key it is kept under (nil: no result). The first failure to start a worker is thrown.
    static func inParallel<Context>(_ count: Int, open: @escaping @Sendable () throws -> Context,
                                    _ body: @escaping @Sendable (Context, TesseractEngine, Int) -> (Int, Result)?) throws -> [Int: Result] {
        guard TesseractEngine.dataPath(for: "vie") != nil else { throw TesseractEngine.missingData }
        let workers = max(1, min(count, ProcessInfo.processInfo.activeProcessorCount))
        let shared = Shared()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            do {
                TesseractEngine.limitOpenMPThreads()
                let engine = try TesseractEngine()
                let context = try open()
                while true {
                    let k = shared.locked { s -> Int in defer { s.next += 1 }; return s.next }
                    guard k < count else { break }
                    if let (key, r) = body(context, engine, k) { shared.locked { $0.results[key] = r } }
                }
            } catch let e as ThiduaError {
                shared.locked { $0.failure = e }
            } catch {
                shared.locked { $0.failure = ThiduaError(.ocrUnavailable, "OCR failed: \(error)") }
            }
        }
        if let e = shared.locked({ $0.failure }) { throw e }
        return shared.locked { $0.results }
    }

    /// Table borders and specks read as characters: "|", "_", "[", or a near-zero-confidence mark.
    static func isRuling(_ w: OCRWord) -> Bool {
        if w.confidence < 15 { return true }
        return w.text.unicodeScalars.allSatisfy { "|_[]{}¦‖—=".unicodeScalars.contains($0) }
            || (w.confidence < 50 && w.text.unicodeScalars.count <= 2
                && w.text.unicodeScalars.allSatisfy { !$0.properties.isAlphabetic && !("0"..."9").contains($0) })
    }

    static func recognize(_ page: PopplerPDFPage, number: Int, engine: TesseractEngine, closing: [[String]]) -> Result {
        let (w, h) = page.size
        guard let image = page.renderGray(dpi: dpi) else {
            return Result(page: LayoutPage(number: number, width: w, height: h, words: []), confidence: nil)
        }
        return recognize(image, number: number, width: w, height: h, engine: engine, closing: closing)
    }

    /// The pages of an image file, in order, several at once.
    static func recognize(images: [GrayImage], closing: [[String]]) throws -> [Result] {
        let results = try inParallel(images.count, open: {}) { _, engine, k in
            let image = images[k]
            return (k + 1, recognize(image, number: k + 1, width: Double(image.width) * 72 / image.dpi,
                                     height: Double(image.height) * 72 / image.dpi, engine: engine, closing: closing))
        }
        return (1...images.count).compactMap { results[$0] }
    }

    /// Words of one page image, in points (1/72 in) from the page's top left.
    static func recognize(_ image: GrayImage, number: Int, width w: Double, height h: Double,
                          engine: TesseractEngine, closing: [[String]]) -> Result {
        let dpi = image.dpi
        let read = engine.recognize(image, mode: pageMode).filter { !isRuling($0) }
        let words = ClosingZoneOCR.refine(read, image: image, engine: engine, markers: closing)
        let k = 72 / dpi
        let layoutWords = words.map {
            LayoutWord(text: $0.text, x0: Double($0.left) * k, y0: Double($0.top) * k,
                       x1: Double($0.right) * k, y1: Double($0.bottom) * k, line: $0.line)
        }
        // Confidence weighted by word length: a stray mark should not sink a page.
        var total = 0.0, weight = 0.0
        for word in words {
            let n = Double(word.text.count)
            total += word.confidence * n
            weight += n
        }
        return Result(page: LayoutPage(number: number, width: w, height: h, words: layoutWords),
                      confidence: weight > 0 ? total / weight : nil)
    }
}

/// Work shared by the OCR workers, behind a lock.
private final class Shared: @unchecked Sendable {
    struct State {
        var next = 0
        var results: [Int: PageOCR.Result] = [:]
        var failure: ThiduaError?
    }
    private let lock = NSLock()
    private var state = State()
    func locked<T>(_ body: (inout State) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }
}

import CTesseract
import Foundation

/// A word recognized by tesseract: box in pixels of the image it came from.
struct OCRWord: Sendable {
    var text: String
    var left, top, right, bottom: Int
    var confidence: Double
    /// Tesseract's text line (follows skew; never spans two columns).
    var line: Int
}

/// One tesseract engine (`TessBaseAPI`), owned: `deinit` ends and deletes it.
/// Not thread-safe: one per worker.
final class TesseractEngine {
    let api: OpaquePointer

    static let missingData = ThiduaError(.ocrUnavailable, "Vietnamese OCR data missing: apt-get install tesseract-ocr-vie")

    /// The tessdata folder holding `<language>.traineddata`, if any.
    static func dataPath(for language: String) -> String? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["TESSDATA_PREFIX"] {
            candidates += [env, (env as NSString).appendingPathComponent("tessdata")]
        }
        candidates += [
            "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
            "/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata",
        ]
        let fm = FileManager.default
        return candidates.first { fm.fileExists(atPath: ($0 as NSString).appendingPathComponent("\(language).traineddata")) }
    }

    /// Tesseract's OpenMP teams would oversubscribe the cores (pages already run
    /// in parallel, one engine per worker) and spin: 3–4× slower here. Its
    /// `num_threads` clauses override `omp_set_num_threads`, so parallel regions
    /// are made inactive instead (max active levels 0: each region runs on the
    /// calling thread). Process-wide, like OMP_THREAD_LIMIT=1, which tesseract's
    /// own docs advise for parallel use.
    static func limitOpenMPThreads() {
        typealias SetInt = @convention(c) (Int32) -> Void
        for name in ["omp_set_max_active_levels", "omp_set_num_threads"] {
            if let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) {
                unsafeBitCast(sym, to: SetInt.self)(name == "omp_set_max_active_levels" ? 0 : 1)
            }
        }
    }

    init(language: String = "vie") throws {
        guard let path = Self.dataPath(for: language) else { throw Self.missingData }
        guard let api = TessBaseAPICreate() else { throw ThiduaError(.ocrUnavailable, "tesseract cannot start") }
        // Quiet: the library never prints.
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        guard TessBaseAPIInit3(api, path, language) == 0 else {
            TessBaseAPIDelete(api)
            throw Self.missingData
        }
        self.api = api
    }

    deinit {
        TessBaseAPIEnd(api)
        TessBaseAPIDelete(api)
    }

    /// Sparse text by default: finds lone cell text (item numbers, "TT") that the
    /// page-layout mode drops; reading order does not matter, the layout code regroups words.
    func recognize(_ image: GrayImage, mode: TessPageSegMode = PSM_SPARSE_TEXT) -> [OCRWord] {
        image.pixels.withUnsafeBufferPointer { buf in
            TessBaseAPISetImage(api, buf.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
            TessBaseAPISetSourceResolution(api, Int32(image.dpi))
            TessBaseAPISetPageSegMode(api, mode)
            guard TessBaseAPIRecognize(api, nil) == 0 else { return [] }
            defer { TessBaseAPIClear(api) }
            guard let it = TessBaseAPIGetIterator(api) else { return [] }
            defer { TessResultIteratorDelete(it) }
            let pageIt = TessResultIteratorGetPageIterator(it)
            var words: [OCRWord] = []
            var line = -1
            repeat {
                if TessPageIteratorIsAtBeginningOf(pageIt, RIL_TEXTLINE) != 0 { line += 1 }
                guard let cText = TessResultIteratorGetUTF8Text(it, RIL_WORD) else { continue }
                let text = String(cString: cText)
                TessDeleteText(cText)
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !trimmed.isEmpty else { continue }
                var l: Int32 = 0, t: Int32 = 0, r: Int32 = 0, b: Int32 = 0
                guard TessPageIteratorBoundingBox(pageIt, RIL_WORD, &l, &t, &r, &b) != 0 else { continue }
                let conf = Double(TessResultIteratorConfidence(it, RIL_WORD))
                words.append(OCRWord(text: trimmed, left: Int(l), top: Int(t), right: Int(r), bottom: Int(b), confidence: conf, line: max(0, line)))
            } while TessResultIteratorNext(it, RIL_WORD) != 0
            return words
        }
    }
}

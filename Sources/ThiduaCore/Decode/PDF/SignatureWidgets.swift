import CPoppler
import CTesseract
import Foundation

/// Text drawn only inside form widgets. Vietnamese e-signature software stamps
/// the number and the day ("Số: 1445 /…", "ngày 03 tháng …") as small signature
/// widgets whose appearance streams poppler-glib's text extraction does not read
/// (pdftotext does). Their small boxes are rendered and recognized, and the
/// words join the page's text layer where they stand.
enum SignatureWidgets {
    /// Widgets larger than this are the signature stamp itself (image and "Ký bởi …"), not a field value.
    static let maxWidth = 160.0, maxHeight = 40.0

    /// Small widget boxes of a page, in points from the top left.
    static func smallWidgetBoxes(_ page: PopplerPDFPage) -> [(x0: Double, y0: Double, x1: Double, y1: Double)] {
        guard let list = poppler_page_get_annot_mapping(page.page) else { return [] }
        defer { poppler_page_free_annot_mapping(list) }
        let (_, h) = page.size
        var boxes: [(Double, Double, Double, Double)] = []
        var node: UnsafeMutablePointer<GList>? = list
        while let cur = node {
            if let m = cur.pointee.data?.assumingMemoryBound(to: PopplerAnnotMapping.self), let annot = m.pointee.annot,
               poppler_annot_get_annot_type(annot) == POPPLER_ANNOT_WIDGET {
                let r = m.pointee.area
                let w = abs(r.x2 - r.x1), hh = abs(r.y2 - r.y1)
                if w > 4, hh > 4, w <= maxWidth, hh <= maxHeight {
                    boxes.append((min(r.x1, r.x2), h - max(r.y1, r.y2), max(r.x1, r.x2), h - min(r.y1, r.y2)))
                }
            }
            node = cur.pointee.next
        }
        return boxes
    }

    /// Words inside the page's small widgets that the text layer does not already hold:
    /// read by `pdftotext -bbox` (poppler-utils draws widget appearances) where it is
    /// installed, else recognized from the rendered box.
    static func recoverWords(_ page: PopplerPDFPage, number: Int, source: PDFSource, existing: [LayoutWord]) -> [LayoutWord] {
        let boxes = smallWidgetBoxes(page)
        guard !boxes.isEmpty else { return [] }
        let open = boxes.filter { b in
            let area = (b.x1 - b.x0) * (b.y1 - b.y0)
            let covered = existing.reduce(0.0) { acc, w in
                acc + max(0, min(w.x1, b.x1) - max(w.x0, b.x0)) * max(0, min(w.y1, b.y1) - max(w.y0, b.y0))
            }
            return covered < 0.5 * area
        }
        guard !open.isEmpty else { return [] }
        func inside(_ w: LayoutWord) -> Bool {
            let cx = (w.x0 + w.x1) / 2, cy = (w.y0 + w.y1) / 2
            return open.contains { b in cx >= b.x0 - 1 && cx <= b.x1 + 1 && cy >= b.y0 - 1 && cy <= b.y1 + 1 }
        }
        func isNew(_ w: LayoutWord) -> Bool {
            !existing.contains { e in e.text == w.text && abs(e.x0 - w.x0) < 2 && abs(e.y0 - w.y0) < 2 }
        }
        if let words = source.pdftotextWords(page: number) {
            return words.filter { inside($0) && isNew($0) }
        }
        return ocrWords(page, open, existing: existing)
    }

    /// Recognizes the boxes' own ink (text-layer glyphs reaching into a box are blanked out).
    static func ocrWords(_ page: PopplerPDFPage, _ boxes: [(x0: Double, y0: Double, x1: Double, y1: Double)],
                         existing: [LayoutWord]) -> [LayoutWord] {
        guard TesseractEngine.dataPath(for: "vie") != nil, let engine = try? TesseractEngine() else { return [] }
        let dpi = 300.0, k = dpi / 72, border = 24
        var words: [LayoutWord] = []
        for b in boxes {
            guard var ink = renderRegion(page, b, dpi: dpi, annotations: true) else { continue }
            let ox = b.x0 - 1, oy = b.y0 - 1
            for w in existing where w.x0 < b.x1 + 1 && w.x1 > b.x0 - 1 && w.y0 < b.y1 + 1 && w.y1 > b.y0 - 1 {
                let x0 = max(0, ((w.x0 - ox) * k).rounded(.down).clampedInt), x1 = min(ink.width, ((w.x1 - ox) * k).rounded(.up).clampedInt)
                let y0 = max(0, ((w.y0 - oy) * k).rounded(.down).clampedInt), y1 = min(ink.height, ((w.y1 - oy) * k).rounded(.up).clampedInt)
                guard x0 < x1, y0 < y1 else { continue }
                for y in y0..<y1 { for x in x0..<x1 { ink.pixels[y * ink.width + x] = 255 } }
            }
            guard ink.pixels.reduce(0, { $0 + ($1 < 128 ? 1 : 0) }) > 20 else { continue }
            let framed = ink.framed(border)
            let found = engine.recognizeLine(framed, left: 0, top: 0, width: framed.width, height: framed.height)
            for w in found where w.confidence >= 60 {
                let text = w.text.trimmingCharacters(in: CharacterSet(charactersIn: "_|.,'`~-"))
                guard !text.isEmpty else { continue }
                words.append(LayoutWord(text: text, x0: ox + Double(w.left - border) / k, y0: oy + Double(w.top - border) / k,
                                        x1: ox + Double(w.right - border) / k, y1: oy + Double(w.bottom - border) / k))
            }
        }
        return words
    }

    /// Renders one box of a page at `dpi`, with or without its annotations, as grey pixels.
    static func renderRegion(_ page: PopplerPDFPage, _ b: (x0: Double, y0: Double, x1: Double, y1: Double), dpi: Double,
                             annotations: Bool) -> GrayImage? {
        let scale = dpi / 72
        let pad = 1.0
        guard let w = ((b.x1 - b.x0 + 2 * pad) * scale).rounded(.up).int32(in: 1...3999),
            let h = ((b.y1 - b.y0 + 2 * pad) * scale).rounded(.up).int32(in: 1...3999),
            let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else { return nil }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        cairo_translate(cr, -(b.x0 - pad), -(b.y0 - pad))
        if annotations {
            poppler_page_render_for_printing_with_options(page.page, cr, POPPLER_PRINT_ALL)
        } else {
            poppler_page_render_for_printing_with_options(page.page, cr, POPPLER_PRINT_DOCUMENT)
        }
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface)), width = Int(w), height = Int(h)
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            let row = data.advanced(by: y * stride).withMemoryRebound(to: UInt32.self, capacity: width) { $0 }
            for x in 0..<width {
                let p = row[x]
                pixels[y * width + x] = UInt8((((p >> 16) & 0xFF) * 77 + ((p >> 8) & 0xFF) * 150 + (p & 0xFF) * 29) >> 8)
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels, dpi: dpi)
    }
}

extension TesseractEngine {
    /// Recognizes one line of text inside a rectangle of `image` (pixels); boxes are in image pixels.
    func recognizeLine(_ image: GrayImage, left: Int, top: Int, width: Int, height: Int) -> [OCRWord] {
        image.pixels.withUnsafeBufferPointer { buf in
            TessBaseAPISetImage(api, buf.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
            TessBaseAPISetSourceResolution(api, Int32(image.dpi))
            TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE)
            TessBaseAPISetRectangle(api, Int32(left), Int32(top), Int32(width), Int32(height))
            defer {
                TessBaseAPISetPageSegMode(api, PSM_AUTO)
                TessBaseAPIClear(api)
            }
            guard TessBaseAPIRecognize(api, nil) == 0, let it = TessBaseAPIGetIterator(api) else { return [] }
            defer { TessResultIteratorDelete(it) }
            let pageIt = TessResultIteratorGetPageIterator(it)
            var words: [OCRWord] = []
            repeat {
                guard let cText = TessResultIteratorGetUTF8Text(it, RIL_WORD) else { continue }
                let text = String(cString: cText).trimmingCharacters(in: .whitespacesAndNewlines)
                TessDeleteText(cText)
                guard !text.isEmpty else { continue }
                var l: Int32 = 0, t: Int32 = 0, r: Int32 = 0, b: Int32 = 0
                guard TessPageIteratorBoundingBox(pageIt, RIL_WORD, &l, &t, &r, &b) != 0 else { continue }
                words.append(OCRWord(text: text, left: Int(l), top: Int(t), right: Int(r), bottom: Int(b),
                                     confidence: Double(TessResultIteratorConfidence(it, RIL_WORD)), line: 0))
            } while TessResultIteratorNext(it, RIL_WORD) != 0
            return words
        }
    }
}

extension GrayImage {
    /// The image inside a white frame `n` pixels wide.
    func framed(_ n: Int) -> GrayImage {
        let w = width + 2 * n, h = height + 2 * n
        var out = [UInt8](repeating: 255, count: w * h)
        for y in 0..<height {
            out.replaceSubrange((y + n) * w + n..<(y + n) * w + n + width, with: pixels[y * width..<(y + 1) * width])
        }
        return GrayImage(width: w, height: h, pixels: out, dpi: dpi)
    }
}

/// The PDF's bytes, written to a temporary file only when an external tool needs a path.
final class PDFSource {
    let data: Data
    private var path: String?
    private var pdftotext: String??

    init(data: Data) { self.data = data }

    deinit { if let path { try? FileManager.default.removeItem(atPath: path) } }

    static func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Words of one page with their boxes in points, as `pdftotext -bbox` reads them; nil without pdftotext.
    func pdftotextWords(page: Int) -> [LayoutWord]? {
        if pdftotext == nil { pdftotext = .some(Self.which("pdftotext")) }
        guard let tool = pdftotext ?? nil else { return nil }
        if path == nil {
            let p = NSTemporaryDirectory() + "thidua-\(UUID().uuidString).pdf"
            guard (try? data.write(to: URL(fileURLWithPath: p))) != nil else { return nil }
            path = p
        }
        let proc = Process()
        proc.executableURL = URL(fileURLWithPath: tool)
        proc.arguments = ["-q", "-f", String(page), "-l", String(page), "-bbox", path!, "-"]
        let out = Pipe()
        proc.standardOutput = out
        proc.standardError = FileHandle.nullDevice
        guard (try? proc.run()) != nil else { return nil }
        let bytes = out.fileHandleForReading.readDataToEndOfFile()
        proc.waitUntilExit()
        guard proc.terminationStatus == 0 else { return nil }
        var words: [LayoutWord] = []
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.contains("<word ") {
            func attr(_ name: String) -> Double? {
                guard let r = line.range(of: name + "=\"") else { return nil }
                return Double(line[r.upperBound...].prefix(while: { $0 != "\"" }))
            }
            guard let x0 = attr("xMin"), let y0 = attr("yMin"), let x1 = attr("xMax"), let y1 = attr("yMax"),
                  let a = line.range(of: ">"), let b = line.range(of: "</word>") , a.upperBound <= b.lowerBound else { continue }
            let text = String(line[a.upperBound..<b.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            words.append(LayoutWord(text: text, x0: x0, y0: y0, x1: x1, y1: y1))
        }
        return words
    }
}

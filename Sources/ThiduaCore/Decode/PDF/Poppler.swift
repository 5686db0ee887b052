import CPoppler
import Foundation

/// A PDF opened with poppler-glib. Owns the `PopplerDocument` (unref'd in `deinit`).
/// Not thread-safe: use one instance per thread (OCR workers open their own).
final class PopplerPDF {
    private let document: OpaquePointer

    init(data: Data) throws {
        let bytes: OpaquePointer? = data.withUnsafeBytes { raw in
            g_bytes_new(raw.baseAddress, gsize(raw.count))
        }
        guard let bytes else { throw ThiduaError(.pdfDamaged, "damaged PDF: cannot read bytes") }
        defer { g_bytes_unref(bytes) }
        var error: UnsafeMutablePointer<GError>?
        guard let doc = poppler_document_new_from_bytes(bytes, nil, &error) else {
            throw Self.openError(error)
        }
        document = doc
    }

    deinit { g_object_unref(gpointer(document)) }

    var pageCount: Int { Int(poppler_document_get_n_pages(document)) }

    func page(_ index: Int) -> PopplerPDFPage? {
        guard let p = poppler_document_get_page(document, Int32(index)) else { return nil }
        return PopplerPDFPage(p)
    }

    private static func openError(_ error: UnsafeMutablePointer<GError>?) -> ThiduaError {
        defer { if let error { g_error_free(error) } }
        guard let error else { return ThiduaError(.pdfDamaged, "damaged PDF: poppler cannot open it") }
        if error.pointee.domain == poppler_error_quark(), error.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
            return ThiduaError(.pdfEncrypted, "encrypted PDF (needs a password)")
        }
        let cause = error.pointee.message.map { String(cString: $0) } ?? "unknown cause"
        // One line, short: poppler's messages are already terse ("PDF document is damaged").
        let short = cause.split(whereSeparator: \.isNewline).first.map(String.init) ?? cause
        return ThiduaError(.pdfDamaged, "damaged PDF: \(short.prefix(120))")
    }
}

/// One glyph of a page's text layer with its box in points (origin top left).
struct PDFChar {
    var scalar: Unicode.Scalar
    var x0, y0, x1, y1: Double
    /// Index into the page's font table (`PopplerPDFPage.TextLayer.fonts`), -1 if unknown.
    var font: Int32
}

final class PopplerPDFPage {
    let page: OpaquePointer

    fileprivate init(_ page: OpaquePointer) { self.page = page }
    deinit { g_object_unref(gpointer(page)) }

    var size: (width: Double, height: Double) {
        var w = 0.0, h = 0.0
        poppler_page_get_size(page, &w, &h)
        return (w, h)
    }

    struct TextLayer {
        var chars: [PDFChar]
        /// Font names (subset prefix removed) with a bold flag.
        var fonts: [(name: String, bold: Bool)]
    }

    /// The characters of `poppler_page_get_text` paired with the rectangles of
    /// `poppler_page_get_text_layout` (one per character, spaces and newlines included)
    /// and the fonts of `poppler_page_get_text_attributes`.
    func textLayer(withFonts: Bool = true) -> TextLayer {
        guard let cText = poppler_page_get_text(page) else { return TextLayer(chars: [], fonts: []) }
        defer { g_free(cText) }
        var rects: UnsafeMutablePointer<PopplerRectangle>?
        var n: guint = 0
        guard poppler_page_get_text_layout(page, &rects, &n) != 0, let rects else {
            return TextLayer(chars: [], fonts: [])
        }
        defer { g_free(rects) }
        let count = Int(n)
        var chars: [PDFChar] = []
        chars.reserveCapacity(count)
        let text = String(cString: cText)
        var i = 0
        for s in text.unicodeScalars {
            guard i < count else { break }
            let r = rects[i]
            chars.append(PDFChar(scalar: s, x0: r.x1, y0: r.y1, x1: r.x2, y1: r.y2, font: -1))
            i += 1
        }
        var fonts: [(name: String, bold: Bool)] = []
        if withFonts, let list = poppler_page_get_text_attributes(page) {
            defer { poppler_page_free_text_attributes(list) }
            var names: [String: Int32] = [:]
            var node: UnsafeMutablePointer<GList>? = list
            while let cur = node {
                if let a = cur.pointee.data?.assumingMemoryBound(to: PopplerTextAttributes.self) {
                    let raw = a.pointee.font_name.map { String(cString: $0) } ?? ""
                    let idx: Int32
                    if let known = names[raw] {
                        idx = known
                    } else {
                        idx = Int32(fonts.count)
                        names[raw] = idx
                        fonts.append(Self.describeFont(raw))
                    }
                    let lo = max(0, Int(a.pointee.start_index)), hi = min(chars.count - 1, Int(a.pointee.end_index))
                    if lo <= hi { for k in lo...hi { chars[k].font = idx } }
                }
                node = cur.pointee.next
            }
        }
        return TextLayer(chars: chars, fonts: fonts)
    }

    static func describeFont(_ raw: String) -> (name: String, bold: Bool) {
        var name = Substring(raw)
        if let plus = name.firstIndex(of: "+"), name.distance(from: name.startIndex, to: plus) == 6 {
            name = name[name.index(after: plus)...]
        }
        let lower = name.lowercased()
        let bold = lower.contains("bold") || lower.contains("black") || lower.contains("heavy")
            || lower.contains("semibold") || lower.hasSuffix(",b") || lower.contains("-b")
        return (String(name), bold)
    }

    /// Share of the page area covered by images (scans show ≈ 1).
    func imageCoverage() -> Double {
        guard let list = poppler_page_get_image_mapping(page) else { return 0 }
        defer { poppler_page_free_image_mapping(list) }
        let (w, h) = size
        var area = 0.0
        var node: UnsafeMutablePointer<GList>? = list
        while let cur = node {
            if let m = cur.pointee.data?.assumingMemoryBound(to: PopplerImageMapping.self) {
                let r = m.pointee.area
                area += abs(r.x2 - r.x1) * abs(r.y2 - r.y1)
            }
            node = cur.pointee.next
        }
        return w > 0 && h > 0 ? min(1, area / (w * h)) : 0
    }

    /// Renders the page at `dpi` on white and returns 8-bit grey pixels (for OCR).
    func renderGray(dpi: Double) -> GrayImage? {
        let (w, h) = size
        let scale = dpi / 72
        guard let pw = (w * scale).rounded().int32(in: 1...19_999), let ph = (h * scale).rounded().int32(in: 1...19_999)
        else { return nil }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else { return nil }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        poppler_page_render_for_printing(page, cr)
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let width = Int(pw), height = Int(ph)
        var pixels = [UInt8](repeating: 255, count: width * height)
        pixels.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let row = data.advanced(by: y * stride).withMemoryRebound(to: UInt32.self, capacity: width) { $0 }
                let base = y * width
                for x in 0..<width {
                    let p = row[x]
                    let r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
                    out[base + x] = UInt8((r * 77 + g * 150 + b * 29) >> 8)
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels, dpi: dpi)
    }
}

/// 8-bit grey pixels, one byte per pixel, rows without padding.
struct GrayImage: Sendable {
    var width: Int
    var height: Int
    var pixels: [UInt8]
    var dpi: Double
}

import Foundation

/// A word with its box in points (origin top left of the page): what both a PDF
/// text layer and OCR give to the layout code.
struct LayoutWord: Sendable {
    var text: String
    var x0, y0, x1, y1: Double
    var bold: Bool = false
    var font: String? = nil
    /// The OCR engine's text line, where known: words of one line are grouped
    /// first (robust to skew), then lines into visual rows.
    var line: Int? = nil
    var height: Double { y1 - y0 }
}

/// One page's words, ready for layout.
struct LayoutPage: Sendable {
    var number: Int
    var width: Double
    var height: Double
    var words: [LayoutWord]
}

/// Whitespace without a Unicode property lookup (hot: every glyph of every page).
@inline(__always)
func isSpace(_ v: UInt32) -> Bool {
    v <= 0x20 || (v >= 0x7F && v <= 0xA0) || (v >= 0x2000 && v <= 0x200B) || v == 0x3000 || v == 0x202F
        || v == 0x205F || v == 0x1680 || v == 0xFEFF
}

extension LayoutPage {
    /// Words from a text layer's characters: whitespace separates words.
    static func fromTextLayer(_ layer: PopplerPDFPage.TextLayer, number: Int, width: Double, height: Double) -> LayoutPage {
        var words: [LayoutWord] = []
        words.reserveCapacity(layer.chars.count / 4)
        var scalars = String.UnicodeScalarView()
        var x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0
        var boldCount = 0, fontIndex: Int32 = -1
        func flush() {
            guard !scalars.isEmpty else { return }
            let font = fontIndex >= 0 && Int(fontIndex) < layer.fonts.count ? layer.fonts[Int(fontIndex)] : nil
            words.append(LayoutWord(text: String(scalars), x0: x0, y0: y0, x1: x1, y1: y1,
                                    bold: boldCount * 2 > scalars.count, font: font?.name))
            scalars = String.UnicodeScalarView()
            boldCount = 0
            fontIndex = -1
        }
        for c in layer.chars {
            let v = c.scalar.value
            if isSpace(v) {
                flush()
                continue
            }
            // Degenerate boxes (zero-size glyphs, off-page text) carry no geometry.
            if !(c.x1 >= c.x0 && c.y1 > c.y0) || c.x0 > width + 1 || c.x1 < -1 || c.y0 > height + 1 || c.y1 < -1 {
                continue
            }
            if scalars.isEmpty {
                x0 = c.x0; y0 = c.y0; x1 = c.x1; y1 = c.y1
            } else {
                // A glyph far from the previous one (poppler put no space) starts a new word.
                let h = max(y1 - y0, c.y1 - c.y0)
                if c.x0 - x1 > 0.8 * h || c.x1 < x0 - 0.5 * h || c.y0 > y1 || c.y1 < y0 {
                    flush()
                    x0 = c.x0; y0 = c.y0; x1 = c.x1; y1 = c.y1
                } else {
                    x0 = min(x0, c.x0); y0 = min(y0, c.y0); x1 = max(x1, c.x1); y1 = max(y1, c.y1)
                }
            }
            scalars.append(c.scalar)
            if c.font >= 0 {
                if fontIndex < 0 { fontIndex = c.font }
                if Int(c.font) < layer.fonts.count, layer.fonts[Int(c.font)].bold { boldCount += 1 }
            }
        }
        flush()
        return LayoutPage(number: number, width: width, height: height, words: words)
    }
}

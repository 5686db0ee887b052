import Foundation

/// The document after repair: legacy encodings decoded, Unicode NFC, look-alike
/// glyphs replaced, whitespace collapsed; every segment knows its span in its
/// page's text.
public struct RepairedDocument: Sendable {
    public var source: DecodedDocument
    public var blocks: [Block]
    /// Page texts (index 0 is page 1) that evidence offsets point into.
    public var pageTexts: [String]
}

public enum Repairer {
    public static func repair(_ decoded: DecodedDocument) -> RepairedDocument {
        // OCR reads glyph shapes: its text is Unicode, never a legacy font's bytes.
        var doc = decoded.textLayer == .ocr ? decoded : LegacyEncoding.repairIfGarbled(decoded)
        let fix: (Segment) -> Segment = decoded.textLayer == .ocr ? { ocrFix(repair($0)) } : repair
        doc.blocks = doc.blocks.map { block in
            switch block {
            case var .row(r):
                r.segments = r.segments.map(fix).filter { !$0.text.isEmpty }
                return .row(r)
            case var .table(t):
                t.rows = t.rows.map { row in
                    row.map { cell in TableCell(segments: cell.segments.map(fix).filter { !$0.text.isEmpty }) }
                }
                return .table(t)
            }
        }
        return assignSpans(doc)
    }

    /// Misreadings of fixed marks in recognized text: the subject mark "V/v" read as
    /// "W/v", "V/y" or "Vlv".
    static func ocrFix(_ s: Segment) -> Segment {
        var s = s
        for wrong in ["W/v ", "W/V ", "V/y ", "Vlv ", "V/ v "] where s.text.hasPrefix(wrong) {
            s.text = "V/v " + s.text.dropFirst(wrong.count)
            break
        }
        return s
    }

    static func repair(_ s: Segment) -> Segment {
        var s = s
        s.text = repairText(s.text)
        return s
    }

    /// NFC, look-alike glyphs, invisible characters, whitespace.
    public static func repairText(_ text: String) -> String {
        let source = Fold.hasCombiningMarks(text) ? text.precomposedStringWithCanonicalMapping : text
        var out: [UInt8] = []
        out.reserveCapacity(source.utf8.count)
        var lastWasSpace = true
        Fold.forEachScalar(source) { value in
            var v = value
            switch v {
            case 0x01A3: v = 0x01B0   // ƣ (LATIN SMALL LETTER OI) emitted for ư by some PDF fonts
            case 0x01A2: v = 0x01AF
            case 0x00AD, 0x200B, 0x200C, 0x200D, 0xFEFF, 0x2060: return   // soft hyphen, zero-width
            case 0x0009, 0x000B, 0x000C, 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: v = 0x20
            case 0x2010, 0x2011: v = 0x2D
            default: break
            }
            if v == 0x20 {
                if lastWasSpace { return }
                lastWasSpace = true
            } else {
                lastWasSpace = false
            }
            UTF8Out.append(v, to: &out)
        }
        while out.last == 0x20 { out.removeLast() }
        var result = String(decoding: out, as: UTF8.self)
        // A mark that followed a removed invisible character composes now.
        if Fold.hasCombiningMarks(result) { result = result.precomposedStringWithCanonicalMapping }
        return fixUppercaseLookalikes(result)
    }

    /// In words otherwise written in capitals, "Õ" stands for "Ò" (a PDF font quirk: "HÕA").
    static func fixUppercaseLookalikes(_ s: String) -> String {
        guard s.has("Õ") else { return s }
        return s.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            guard word.has("Õ") else { return String(word) }
            let letters = word.filter(\.isLetter)
            guard letters.count >= 2, letters.allSatisfy({ !$0.isLowercase }) else { return String(word) }
            return word.replacingOccurrences(of: "HÕA", with: "HÒA").replacingOccurrences(of: "Õ", with: "Ò")
        }.joined(separator: " ")
    }

    /// Builds each page's text (rows joined by newlines, segments by a space,
    /// table cells by tabs) and records where every segment sits in it.
    static func assignSpans(_ doc: DecodedDocument) -> RepairedDocument {
        var pages: [String] = []
        var lengths: [Int] = []
        var blocks = doc.blocks
        func ensure(_ page: Int) {
            while pages.count < page { pages.append(""); lengths.append(0) }
        }
        func place(_ seg: inout Segment, page: Int, separator: String) {
            let p = page - 1
            if lengths[p] > 0 {
                pages[p] += separator
                lengths[p] += separator.unicodeScalars.count
            }
            let n = seg.text.unicodeScalars.count
            seg.span = Span(page: page, start: lengths[p], end: lengths[p] + n)
            pages[p] += seg.text
            lengths[p] += n
        }
        for bi in blocks.indices {
            switch blocks[bi] {
            case var .row(r):
                let page = max(r.page, 1)
                ensure(page)
                for si in r.segments.indices { place(&r.segments[si], page: page, separator: si == 0 ? "\n" : " ") }
                blocks[bi] = .row(r)
            case var .table(t):
                let page = max(t.page, 1)
                ensure(page)
                for ri in t.rows.indices {
                    for ci in t.rows[ri].indices {
                        for si in t.rows[ri][ci].segments.indices {
                            let sep = si > 0 ? " " : (ci == 0 ? "\n" : "\t")
                            place(&t.rows[ri][ci].segments[si], page: page, separator: sep)
                        }
                    }
                }
                blocks[bi] = .table(t)
            }
        }
        if pages.isEmpty { pages = [""] }
        return RepairedDocument(source: doc, blocks: blocks, pageTexts: pages)
    }
}

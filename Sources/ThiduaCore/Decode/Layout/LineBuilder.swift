import Foundation

/// A run of words on one visual line with no wide gap inside.
struct LayoutSegment: Sendable {
    var text: String
    var x0, x1: Double
    var bold: Bool
    var font: String?
}

/// One visual line of a page.
struct LayoutLine: Sendable {
    var page: Int
    var top, bottom: Double
    /// Typical glyph height of the line: the unit of every gap threshold.
    var unit: Double
    var segments: [LayoutSegment]
    var x0: Double { segments.first?.x0 ?? 0 }
    var x1: Double { segments.last?.x1 ?? 0 }
    var text: String { segments.map(\.text).joined(separator: " ") }
}

/// Groups words into visual lines and splits each line where a wide gap is a column gap.
///
/// Thresholds are in units of the line's glyph height `h` (≈ 1.3 × font size for
/// text layers): a gap of at least `candidateGap` may separate columns; it does when
/// it reaches `sureGap`, or when a nearby line has a candidate gap over the same x
/// (a gutter running down the page: two-column header, closing block, table
/// columns), or when the lines right above and below are both blank over it and
/// the text after the gap starts where theirs does (a number column beside wrapped
/// cell text). A blank to fill in ("ngày     tháng", "Số:      /KH-UBND") has no
/// gap beside it and nothing aligned after it, so it stays inside its segment.
enum LineBuilder {
    static let candidateGap = 0.55
    static let sureGap = 3.0
    static let minOverlap = 0.5
    /// OCR boxes hug the ink (caps vs descenders) and skewed scans tilt the lines.
    static let minOverlapOCR = 0.3

    static func lines(of page: LayoutPage) -> [LayoutLine] {
        let words = page.words
        guard !words.isEmpty else { return [] }
        // Units: a word, or a whole OCR text line (which follows the scan's skew).
        struct Unit { var top, bottom, x0, x1: Double; var members: [Int]; var ocr: Bool }
        var units: [Unit] = []
        var unitOfLine: [Int: Int] = [:]
        for (i, w) in words.enumerated() {
            if let id = w.line {
                if let u = unitOfLine[id] {
                    units[u].members.append(i)
                    units[u].top = min(units[u].top, w.y0)
                    units[u].bottom = max(units[u].bottom, w.y1)
                    units[u].x0 = min(units[u].x0, w.x0)
                    units[u].x1 = max(units[u].x1, w.x1)
                    continue
                }
                unitOfLine[id] = units.count
            }
            units.append(Unit(top: w.y0, bottom: w.y1, x0: w.x0, x1: w.x1, members: [i], ocr: w.line != nil))
        }
        units.sort { a, b in
            a.bottom != b.bottom ? a.bottom < b.bottom : words[a.members[0]].x0 < words[b.members[0]].x0
        }
        // Group by vertical overlap with the band of the unit that opened the line.
        struct Group { var coreTop, coreBottom, top, bottom: Double; var members: [Int]; var ocrSpans: [(Double, Double)] }
        var groups: [Group] = []
        var active: [Int] = []
        for u in units {
            let wh = max(u.bottom - u.top, 0.1)
            active.removeAll { groups[$0].bottom < u.top - 3 * wh }
            var best = -1
            var bestOverlap = 0.0
            for g in active {
                let gr = groups[g]
                let overlap = min(gr.coreBottom, u.bottom) - max(gr.coreTop, u.top)
                let need = (u.ocr ? minOverlapOCR : minOverlap) * min(gr.coreBottom - gr.coreTop, wh)
                // Words of one line share a baseline; their tops differ with diacritics
                // and font size ("Quảng Bình, ngày" beside a taller "VÀ XÃ HỘI"). OCR boxes
                // hug the ink (descenders), so OCR lines rely on the overlap alone.
                let sameBaseline = abs(gr.coreBottom - u.bottom) <= 0.35 * max(wh, gr.coreBottom - gr.coreTop)
                // Two OCR lines side by side may be one row (the header's columns); two
                // over the same columns are two rows, however tall their letters.
                if u.ocr, gr.ocrSpans.contains(where: { min($0.1, u.x1) - max($0.0, u.x0) > 0.2 * min($0.1 - $0.0, u.x1 - u.x0) }) {
                    continue
                }
                if overlap >= need, sameBaseline || u.ocr || u.members.count > 1, overlap > bestOverlap {
                    best = g
                    bestOverlap = overlap
                }
            }
            if best >= 0 {
                groups[best].members += u.members
                groups[best].top = min(groups[best].top, u.top)
                groups[best].bottom = max(groups[best].bottom, u.bottom)
                if u.ocr { groups[best].ocrSpans.append((u.x0, u.x1)) }
            } else {
                groups.append(Group(coreTop: u.top, coreBottom: u.bottom, top: u.top, bottom: u.bottom, members: u.members,
                                    ocrSpans: u.ocr ? [(u.x0, u.x1)] : []))
                active.append(groups.count - 1)
            }
        }
        groups.sort { $0.top + $0.bottom < $1.top + $1.bottom }

        // Words by x, the line's unit, and its candidate gaps.
        struct Raw { var words: [LayoutWord]; var top, bottom, unit: Double; var gaps: [(a: Double, b: Double, after: Int)] }
        var raws: [Raw] = []
        raws.reserveCapacity(groups.count)
        for g in groups {
            var ws = g.members.map { words[$0] }
            ws.sort { $0.x0 < $1.x0 }
            var heights = ws.map(\.height)
            heights.sort()
            let median = heights[heights.count / 2]
            let unit = max(1, min(g.bottom - g.top, 2 * median))
            var gaps: [(a: Double, b: Double, after: Int)] = []
            var right = ws[0].x1
            for k in 1..<max(1, ws.count) where ws.count > 1 {
                let gap = ws[k].x0 - right
                if gap >= candidateGap * unit { gaps.append((right, ws[k].x0, k - 1)) }
                right = max(right, ws[k].x1)
            }
            raws.append(Raw(words: ws, top: g.top, bottom: g.bottom, unit: unit, gaps: gaps))
        }

        func isBlank(_ r: Raw, _ a: Double, _ b: Double, hole: Double) -> Bool {
            // Longest stretch of (a, b) not covered by a word of r.
            var cursor = a
            var longest = 0.0
            for w in r.words {
                if w.x1 <= cursor { continue }
                if w.x0 >= b { break }
                longest = max(longest, w.x0 - cursor)
                cursor = max(cursor, w.x1)
                if cursor >= b { break }
            }
            longest = max(longest, b - cursor)
            return longest >= hole
        }

        var out: [LayoutLine] = []
        out.reserveCapacity(raws.count)
        for (idx, r) in raws.enumerated() {
            var splits: [Int] = []
            for gap in r.gaps {
                let width = gap.b - gap.a
                var confirmed = width >= sureGap * r.unit
                if !confirmed {
                    // A nearby line with a wide gap over the same x: a gutter.
                    let lo = max(0, idx - 3), hi = min(raws.count - 1, idx + 3)
                    search: for j in lo...hi where j != idx {
                        let o = raws[j]
                        if abs((o.top + o.bottom) - (r.top + r.bottom)) / 2 > 4 * r.unit { continue }
                        for og in o.gaps where min(og.b, gap.b) - max(og.a, gap.a) >= 0.25 * r.unit {
                            confirmed = true
                            break search
                        }
                    }
                }
                if !confirmed {
                    // Blank above and below (within a line's distance): a column beside wrapped text.
                    var neighbours: [Raw] = []
                    if idx > 0, r.top - raws[idx - 1].bottom <= 1.5 * r.unit { neighbours.append(raws[idx - 1]) }
                    if idx + 1 < raws.count, raws[idx + 1].top - r.bottom <= 1.5 * r.unit { neighbours.append(raws[idx + 1]) }
                    // …and the text after the gap starts where a neighbour's text starts (a column's left edge).
                    confirmed = !neighbours.isEmpty
                        && neighbours.allSatisfy { isBlank($0, gap.a, gap.b, hole: 0.5 * r.unit) }
                        && neighbours.contains { n in n.words.contains { abs($0.x0 - gap.b) <= 0.15 * r.unit } }
                }
                if confirmed { splits.append(gap.after) }
            }
            var segments: [LayoutSegment] = []
            var start = 0
            for end in splits + [r.words.count - 1] {
                segments.append(makeSegment(r.words[start...end]))
                start = end + 1
            }
            out.append(LayoutLine(page: page.number, top: r.top, bottom: r.bottom, unit: r.unit, segments: segments))
        }
        return out
    }

    private static func makeSegment(_ ws: ArraySlice<LayoutWord>) -> LayoutSegment {
        var text = ""
        var boldChars = 0, chars = 0
        var x1 = -Double.infinity
        for w in ws {
            if !text.isEmpty { text.append(" ") }
            text.append(w.text)
            let n = w.text.unicodeScalars.count
            chars += n
            if w.bold { boldChars += n }
            x1 = max(x1, w.x1)
        }
        return LayoutSegment(text: text, x0: ws.first!.x0, x1: x1, bold: boldChars * 2 > chars, font: ws.first!.font)
    }
}

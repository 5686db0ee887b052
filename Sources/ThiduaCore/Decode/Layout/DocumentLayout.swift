import Foundation

/// Geometry → blocks: the layout shared by PDF text layers and OCR words.
/// Lines per page, page noise removed, tables found across pages, then margins
/// (from the lines outside tables) and alignment per page.
enum DocumentLayout {
    static func blocks(_ pages: [LayoutPage]) -> [Block] {
        let perPage = pages.map { LineBuilder.lines(of: $0) }
        let cleaned = PageNoise.clean(perPage, heights: pages.map(\.height))
        var widths: [Int: Double] = [:]
        var heights: [Int: Double] = [:]
        for p in pages {
            widths[p.number] = p.width
            heights[p.number] = p.height
        }
        let items = TableDetector.detect(cleaned.flatMap { $0 }, pageHeights: heights)
        var bodyLines: [Int: [LayoutLine]] = [:]
        for case let .line(l) in items { bodyLines[l.page, default: []].append(l) }
        let fallback = PageMargins.estimate(bodyLines.values.flatMap { $0 })
        var margins: [Int: PageMargins] = [:]
        for (page, lines) in bodyLines {
            margins[page] = PageMargins.estimate(lines) ?? fallback ?? PageMargins.estimate(lines, minVotes: 1)
        }
        return items.map { item in
            switch item {
            case let .table(t): return .table(t)
            case let .line(l):
                let m = margins[l.page]
                return .row(Row(
                    segments: l.segments.map { Segment($0.text, x0: $0.x0, x1: $0.x1, bold: $0.bold, font: $0.font) },
                    page: l.page, alignment: m?.alignment(of: l), pageWidth: widths[l.page],
                    marginLeft: m?.left, marginRight: m?.right))
            }
        }
    }
}

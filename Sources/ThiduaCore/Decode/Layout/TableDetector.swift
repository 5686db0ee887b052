import Foundation

/// Finds activity tables among a document's lines (all pages, in reading order)
/// and merges each item's wrapped lines into one logical row.
///
/// A table opens at a line with ≥ 3 segments; its segments give the columns, and
/// the blank x-ranges between them (gutters) narrow as more lines are accepted.
/// A line belongs to the table while each of its segments fits between two
/// gutters leaving at least `minGutter` × h of blank, it starts no further left
/// than the table, and it follows the previous line closely (or opens the next
/// page). An item starts where the first column gets a number ("1", "II", "a)")
/// or, in tables without one (or whose numbers OCR lost), where every filled cell
/// of a line starts with a capital or a digit.
enum TableDetector {
    static let minGutter = 0.5
    static let maxLineGap = 2.5

    enum Item {
        case line(LayoutLine)
        case table(Table)
    }

    struct Gutter { var lo, hi: Double }

    static func detect(_ lines: [LayoutLine], pageHeights: [Int: Double]) -> [Item] {
        var items: [Item] = []
        var i = 0
        while i < lines.count {
            if lines[i].segments.count >= 3, let (table, next) = table(at: i, in: lines, pageHeights: pageHeights) {
                items.append(.table(table))
                i = next
            } else {
                items.append(.line(lines[i]))
                i += 1
            }
        }
        return items
    }

    /// Table lines as column → segments.
    private typealias Placed = (line: LayoutLine, cells: [[LayoutSegment]])

    private static func table(at start: Int, in lines: [LayoutLine], pageHeights: [Int: Double]) -> (Table, Int)? {
        let seed = lines[start]
        let n = seed.segments.count
        var gutters: [Gutter] = (0..<(n - 1)).map { Gutter(lo: seed.segments[$0].x1, hi: seed.segments[$0 + 1].x0) }
        let h = seed.unit
        var left = seed.x0
        var placed: [Placed] = [(seed, seed.segments.map { [$0] })]
        var prev = seed
        var j = start + 1
        while j < lines.count {
            let l = lines[j]
            if l.page == prev.page {
                if l.top - prev.bottom > maxLineGap * h { break }
            } else if l.top > (pageHeights[l.page] ?? 842) * 0.3 {
                break
            }
            if l.segments.count == 1, isSectionHeading(l.segments[0].text) { break }
            // The last column may run further right than its header; body text crosses a gutter anyway.
            guard l.x0 >= left - h, let cells = fit(l, &gutters, h: h) else { break }
            placed.append((l, cells))
            left = min(left, l.x0)
            prev = l
            j += 1
        }
        let wide = placed.filter { $0.cells.filter { !$0.isEmpty }.count >= min(3, n) }.count
        guard placed.count >= 3, wide >= 2 else { return nil }
        let rows = logicalRows(placed, columns: n)
        guard rows.count >= 2 else { return nil }
        return (Table(rows: rows, page: seed.page), j)
    }

    /// Assigns each segment to a column, narrowing the gutters; nil when a segment
    /// crosses a gutter or leaves it too narrow.
    private static func fit(_ l: LayoutLine, _ gutters: inout [Gutter], h: Double) -> [[LayoutSegment]]? {
        var trial = gutters
        var cells = [[LayoutSegment]](repeating: [], count: gutters.count + 1)
        for s in l.segments {
            let mid = (s.x0 + s.x1) / 2
            var c = 0
            while c < trial.count, (trial[c].lo + trial[c].hi) / 2 < mid { c += 1 }
            if c > 0 {
                trial[c - 1].hi = min(trial[c - 1].hi, s.x0)
                if trial[c - 1].hi - trial[c - 1].lo < minGutter * h { return nil }
            }
            if c < trial.count {
                trial[c].lo = max(trial[c].lo, s.x1)
                if trial[c].hi - trial[c].lo < minGutter * h { return nil }
            }
            cells[c].append(s)
        }
        gutters = trial
        return cells
    }

    /// "III. TỔ CHỨC THỰC HIỆN": a Roman-numbered heading in capitals ends a table.
    static func isSectionHeading(_ text: String) -> Bool {
        guard let dot = text.firstIndex(of: "."), text[..<dot].count <= 5,
              !text[..<dot].isEmpty, text[..<dot].allSatisfy({ "IVXLC".contains($0) }) else { return false }
        let rest = text[text.index(after: dot)...]
        let letters = rest.filter(\.isLetter)
        return letters.count >= 3 && letters.allSatisfy(\.isUppercase)
    }

    private static func isItemNumber(_ text: String) -> Bool {
        var t = Substring(text)
        while let last = t.last, last == "." || last == ")" || last == ":" { t = t.dropLast() }
        guard !t.isEmpty, t.count <= 6 else { return false }
        if t.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        if t.allSatisfy({ "IVXLC".contains($0) }) { return true }
        if t.count == 1, let c = t.first, c.isLetter, c.isLowercase { return true }
        // "1.1", "2.3"
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    private static func logicalRows(_ placed: [Placed], columns n: Int) -> [[TableCell]] {
        let firsts = placed.compactMap { $0.cells[0].first?.text }
        let numbered = firsts.filter(isItemNumber).count * 2 >= max(1, firsts.count - 1) && firsts.contains(where: isItemNumber)
        // Numbers that skip ("1", then "10"): OCR lost the ones between, so a line with an
        // empty number cell may still open an item.
        let numbers = firsts.filter(isItemNumber).compactMap { Int($0.prefix { $0.isNumber }) }
        let gapped = zip(numbers, numbers.dropFirst()).contains { $1 > $0 + 1 }
        var rows: [[TableCell]] = []
        var current = [[Segment]](repeating: [], count: n)
        for (k, p) in placed.enumerated() {
            // Every filled cell starts anew: a capital or a digit ("Trước ngày",
            // "30/6/2026"); wrapped cell text goes on in lower case.
            let cellFirsts = p.cells.compactMap { $0.first?.text.first }
            let allStart = cellFirsts.count >= 2 && cellFirsts.allSatisfy { $0.isUppercase || $0.isNumber }
            let startsItem: Bool
            if numbered {
                // A missing number (OCR drops one-digit numbers) with every other column opening
                // anew on the line — task, unit and time — still opens an item.
                let opensAllColumns = n >= 4 && cellFirsts.count >= 3 && allStart
                startsItem = p.cells[0].first.map { isItemNumber($0.text) } ?? ((gapped || opensAllColumns) && allStart)
            } else {
                startsItem = allStart
            }
            if k > 0, startsItem, current.contains(where: { !$0.isEmpty }) {
                rows.append(current.map { TableCell(segments: $0) })
                current = [[Segment]](repeating: [], count: n)
            }
            for (c, segs) in p.cells.enumerated() {
                current[c] += segs.map { Segment($0.text, x0: $0.x0, x1: $0.x1, bold: $0.bold, font: $0.font) }
            }
        }
        if current.contains(where: { !$0.isEmpty }) { rows.append(current.map { TableCell(segments: $0) }) }
        return rows
    }
}

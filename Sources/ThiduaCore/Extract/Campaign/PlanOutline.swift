import Foundation

/// Where each body paragraph stands in the plan's outline: the items (I./1./a)/-, or
/// Markdown and Word headings) that enclose it. Fields are looked for first in the
/// sections where plans put them ("Thời gian thực hiện", "Chủ đề", "Tổ chức thực hiện").
struct PlanOutline {
    struct Item {
        /// Lower ranks enclose higher ones (the outline mark's order, or a heading level).
        var rank: Int
        /// The text after the mark.
        var restOffset: Int
    }

    /// Per paragraph: its own item (nil for running text), and the indices of the
    /// paragraphs whose items enclose it, outermost first.
    private(set) var items: [Item?] = []
    private(set) var enclosing: [[Int]] = []

    init(_ paragraphs: [Paragraph]) {
        let minHeading = paragraphs.compactMap(\.headingLevel).min() ?? 1
        var stack: [(rank: Int, index: Int)] = []
        for (i, p) in paragraphs.enumerated() {
            var item: Item?
            if let m = Outline.marker(in: p.text) {
                let offset = p.text.unicodeScalars.count - m.rest.unicodeScalars.count
                item = Item(rank: m.mark.rawValue * 10, restOffset: offset)
            } else if let h = p.headingLevel {
                item = Item(rank: (h - minHeading) * 10 + 5, restOffset: 0)
            }
            if let item {
                while let top = stack.last, top.rank >= item.rank { stack.removeLast() }
                enclosing.append(stack.map(\.index))
                stack.append((item.rank, i))
            } else {
                enclosing.append(stack.map(\.index))
            }
            items.append(item)
        }
    }

    /// The paragraphs under the item of paragraph `i` (its section), in order.
    func section(of i: Int, limit: Int = .max) -> [Int] {
        var out: [Int] = []
        var j = i + 1
        while j < enclosing.count, enclosing[j].contains(i), out.count < limit {
            out.append(j)
            j += 1
        }
        return out
    }

    /// How deep paragraph `i` stands (0: top level).
    func depth(_ i: Int) -> Int { enclosing[i].count }

    /// Whether the paragraph is a list item (a dash or plus), not a numbered heading.
    func isBullet(_ i: Int) -> Bool {
        guard let r = items[i]?.rank else { return false }
        return r >= Outline.Mark.dash.rawValue * 10 && r % 10 == 0
    }
}

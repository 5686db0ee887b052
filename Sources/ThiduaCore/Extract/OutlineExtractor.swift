import Foundation

/// The body outline: I./1./a)/- (and Markdown or Word headings) nested by level.
struct OutlineExtractor {
    struct Node {
        var section: Section
        var rank: Int
        var span: Span?
    }

    /// OCR misreads Roman numbers ("IH." for "II.", "II." twice): the top-level Roman
    /// headings of a recognized page are relabelled by their order.
    var ocr = false

    static let romanLike = try! NSRegularExpression(pattern: #"^\s*([IVXlH1|]{1,4})\s*[.,]\s*(?=\p{Lu}{2})"#)

    func extract(_ paragraphs: [Paragraph]) -> [Section] { extractLocated(paragraphs).sections }

    /// The outline, and each section's span (record paths "sections.0", "sections.0.children.2").
    func extractLocated(_ paragraphs: [Paragraph]) -> (sections: [Section], evidence: [(String, Span)]) {
        // Ranks present decide the levels: a document without Roman numbers has 1. at the top.
        var items: [(rank: Int, label: String, heading: String, span: Span?)] = []
        let minHeading = paragraphs.compactMap(\.headingLevel).min() ?? 1
        for p in paragraphs {
            if ocr, Outline.marker(in: p.text).map({ $0.mark != .roman }) ?? true, Casing.isCapitals(prefix: 40, of: p.text),
               let m = Self.romanLike.firstMatch(in: p.text, range: NSRange(location: 0, length: (p.text as NSString).length)),
               let r = Range(m.range, in: p.text) {
                items.append((Outline.Mark.roman.rawValue * 10, "?", heading(String(p.text[r.upperBound...]), mark: .roman), p.span))
                continue
            }
            if let m = Outline.marker(in: p.text) {
                // The mark decides the level; Markdown heading depths are often inconsistent.
                items.append((m.mark.rawValue * 10, m.label, heading(String(m.rest), mark: m.mark), p.span))
            } else if let h = p.headingLevel {
                items.append(((h - minHeading) * 10 + 5, "", heading(p.text, mark: .roman), p.span))
            }
        }
        // Dashes before the first numbered heading are wrapped lines ("… Cục Kỹ thuật" / "- BQP …")
        // or recitals, not the outline's top level.
        let dashRanks = [Outline.Mark.dash.rawValue * 10, Outline.Mark.plus.rawValue * 10]
        if let firstOther = items.firstIndex(where: { !dashRanks.contains($0.rank) }),
           items[firstOther...].contains(where: { $0.rank < (items.first?.rank ?? 0) }) {
            items.removeFirst(firstOther)
        }
        if ocr {
            let romanRank = Outline.Mark.roman.rawValue * 10
            let romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
            var k = 0
            for i in items.indices where items[i].rank == romanRank && k < romans.count {
                items[i].label = romans[k]
                k += 1
            }
        }
        // Build the tree with a stack of open nodes.
        var roots: [Section] = []
        var stack: [(rank: Int, path: [Int])] = []
        func insert(_ s: Section, at path: [Int]) {
            func go(_ list: inout [Section], _ path: ArraySlice<Int>) {
                if path.isEmpty { list.append(s); return }
                go(&list[path.first!].children, path.dropFirst())
            }
            go(&roots, path[...])
        }
        func count(at path: [Int]) -> Int {
            var list = roots
            for i in path { list = list[i].children }
            return list.count
        }
        var evidence: [(String, Span)] = []
        for item in items {
            while let top = stack.last, top.rank >= item.rank { stack.removeLast() }
            let parentPath = stack.last?.path ?? []
            let level = stack.count + 1
            insert(Section(label: item.label, heading: item.heading, level: level), at: parentPath)
            let path = parentPath + [count(at: parentPath) - 1]
            stack.append((item.rank, path))
            if let span = item.span {
                evidence.append(("sections." + path.map(String.init).joined(separator: ".children."), span))
            }
        }
        return (roots, evidence)
    }

    /// A heading: the whole text when short; otherwise up to the first ":" or sentence end.
    func heading(_ text: String, mark: Outline.Mark) -> String {
        var t = text.trimmed
        if mark == .roman || mark == .part || Casing.isCapitals(prefix: 60, of: t) {
            if let c = t.firstIndex(of: ":"), t.distance(from: t.startIndex, to: c) > 3 { t = String(t[..<c]) }
        } else if t.utf8.count > 160, t.count > 160 {
            let stops: [Character] = [":", ".", ";"]
            if let c = t.firstIndex(where: { stops.contains($0) }), t.distance(from: t.startIndex, to: c) >= 8 {
                t = String(t[..<c])
            }
            if t.count > 160 {
                let cut = t.prefix(160)
                t = String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + " …"
            }
        }
        while let l = t.last, ":.;,".contains(l) { t.removeLast() }
        return t.trimmed
    }
}

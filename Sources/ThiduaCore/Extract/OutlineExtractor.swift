import Foundation

/// The body outline: I./1./a)/- (and Markdown or Word headings) nested by level.
struct OutlineExtractor {
    struct Node {
        var section: Section
        var rank: Int
        var span: Span?
    }

    func extract(_ paragraphs: [Paragraph]) -> [Section] {
        // Ranks present decide the levels: a document without Roman numbers has 1. at the top.
        var items: [(rank: Int, label: String, heading: String)] = []
        let minHeading = paragraphs.compactMap(\.headingLevel).min() ?? 1
        for p in paragraphs {
            if let m = Outline.marker(in: p.text) {
                // The mark decides the level; Markdown heading depths are often inconsistent.
                items.append((m.mark.rawValue * 10, m.label, heading(String(m.rest), mark: m.mark)))
            } else if let h = p.headingLevel {
                items.append(((h - minHeading) * 10 + 5, "", heading(p.text, mark: .roman)))
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
        for item in items {
            while let top = stack.last, top.rank >= item.rank { stack.removeLast() }
            let parentPath = stack.last?.path ?? []
            let level = stack.count + 1
            insert(Section(label: item.label, heading: item.heading, level: level), at: parentPath)
            stack.append((item.rank, parentPath + [count(at: parentPath) - 1]))
        }
        return roots
    }

    /// A heading: the whole text when short; otherwise up to the first ":" or sentence end.
    func heading(_ text: String, mark: Outline.Mark) -> String {
        var t = text.trimmingCharacters(in: .whitespaces)
        if mark == .roman || mark == .part || Casing.isCapitals(t) {
            if let c = t.firstIndex(of: ":"), t.distance(from: t.startIndex, to: c) > 3 { t = String(t[..<c]) }
        } else if t.count > 160 {
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
        return t.trimmingCharacters(in: .whitespaces)
    }
}

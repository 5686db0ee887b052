import Foundation

/// Reads `content.xml` of an ODT; paragraph and text styles (automatic ones in
/// content.xml, named ones in styles.xml) give alignment, bold and fonts.
public enum ODTDecoder {
    public static func decode(_ data: Data) throws -> DecodedDocument {
        let zip = try OfficeArchive(data, kind: "ODT")
        guard let xml = try zip.read("content.xml") else {
            throw ThiduaError(.zipDamaged, "ODT has no content.xml")
        }
        var styles = ODTStyles()
        if let s = try zip.read("styles.xml") {
            styles.load(try MarkupDocument.xml(s, part: "styles.xml", kind: "ODT"))
        }
        let doc = try MarkupDocument.xml(xml, part: "content.xml", kind: "ODT")
        guard let root = doc.root else { throw ThiduaError(.xmlDamaged, "ODT content.xml is empty") }
        styles.load(doc)
        var reader = ODTReader(styles: styles)
        for child in root.elements where child.named("body") {
            for text in child.elements where text.named("text") { reader.blocks(text) }
        }
        return DecodedDocument(format: .odt, blocks: reader.out, encoding: "utf-8")
    }
}

struct ODTStyles {
    struct Style {
        var parent: String?
        var alignment: Alignment?
        var bold: Bool?
        var font: String?
        var outline: Int?
    }

    var styles: [String: Style] = [:]
    var defaultFont: String?
    /// List style name → levels (1-based) that are bullets.
    var bulletLevels: [String: Set<Int>] = [:]

    mutating func load(_ doc: MarkupDocument) {
        guard let root = doc.root else { return }
        for section in root.elements
        where section.named("styles") || section.named("automatic-styles") || section.named("master-styles") {
            for s in section.elements {
                if s.named("style"), let name = s.attribute("name") {
                    var st = Style(parent: s.attribute("parent-style-name"))
                    if let lvl = s.attribute("default-outline-level").flatMap(Int.init) { st.outline = lvl }
                    for p in s.elements {
                        if p.named("paragraph-properties") { st.alignment = Self.alignment(p.attribute("text-align")) }
                        if p.named("text-properties") { Self.text(p, into: &st) }
                    }
                    styles[name] = st
                } else if s.named("default-style"), s.attribute("family") == "paragraph" {
                    for p in s.elements where p.named("text-properties") {
                        defaultFont = p.attribute("font-name") ?? defaultFont
                    }
                } else if s.named("list-style"), let name = s.attribute("name") {
                    var set = Set<Int>()
                    for l in s.elements where l.named("list-level-style-bullet") {
                        set.insert(l.attribute("level").flatMap(Int.init) ?? 1)
                    }
                    bulletLevels[name] = set
                }
            }
        }
    }

    static func text(_ p: MarkupNode, into st: inout Style) {
        if let w = p.attribute("font-weight") { st.bold = w == "bold" || (Int(w) ?? 400) >= 600 }
        if let f = p.attribute("font-name") ?? p.attribute("font-family") {
            st.font = f.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        }
    }

    static func alignment(_ v: String?) -> Alignment? {
        switch v {
        case "center": return .center
        case "end", "right": return .right
        case "justify": return .justify
        case "start", "left": return .left
        default: return nil
        }
    }

    func resolve<T>(_ name: String?, _ get: (Style) -> T?) -> T? {
        var cur = name
        var steps = 0
        while let c = cur, let s = styles[c], steps < 16 {
            if let v = get(s) { return v }
            cur = s.parent
            steps += 1
        }
        return nil
    }
}

/// Walks office:text. Depth is bounded by libxml2 (256), so recursion is safe.
struct ODTReader {
    let styles: ODTStyles
    var out: [Block] = []

    init(styles: ODTStyles) { self.styles = styles }

    mutating func blocks(_ container: MarkupNode) {
        out.append(contentsOf: lines(container, listStyle: nil, listDepth: 0, flattenTables: false))
    }

    /// Paragraphs, headings, lists, sections and tables below `container`, in order.
    func lines(_ container: MarkupNode, listStyle: String?, listDepth: Int, flattenTables: Bool) -> [Block] {
        var result: [Block] = []
        for e in container.elements {
            if e.named("p") || e.named("h") {
                var bullet = false
                if listDepth > 0, let ls = listStyle { bullet = styles.bulletLevels[ls]?.contains(listDepth) == true }
                result.append(contentsOf: paragraph(e, bullet: bullet).map { .row($0.row()) })
            } else if e.named("list") {
                let ls = e.attribute("style-name") ?? listStyle
                result.append(contentsOf: lines(e, listStyle: ls, listDepth: listDepth + 1, flattenTables: flattenTables))
            } else if e.named("list-item") || e.named("list-header") || e.named("section") || e.named("index-body")
                || e.named("table-of-content") || e.named("illustration-index") || e.named("alphabetical-index")
                || e.named("user-index") || e.named("change") || e.named("text-box") || e.named("frame") {
                result.append(contentsOf: lines(e, listStyle: listStyle, listDepth: listDepth, flattenTables: flattenTables))
            } else if e.named("table") {
                let rows = table(e)
                if flattenTables {
                    for row in rows { for c in row { result.append(contentsOf: c.lines.map { .row($0.row()) }) } }
                } else {
                    result.append(contentsOf: OfficeTables.blocks(rows))
                }
            }
        }
        return result
    }

    func table(_ t: MarkupNode) -> [[OfficeCell]] {
        var rows: [[OfficeCell]] = []
        func collect(_ n: MarkupNode) {
            for r in n.elements {
                if r.named("table-row") {
                    var cells: [OfficeCell] = []
                    for c in r.elements {
                        if c.named("table-cell") {
                            let inner = lines(c, listStyle: nil, listDepth: 0, flattenTables: true)
                            let ls: [OfficeLine] = inner.compactMap {
                                if case let .row(row) = $0, let s = row.segments.first {
                                    return OfficeLine(text: row.text, bold: s.bold, font: s.font,
                                                      alignment: row.alignment, headingLevel: row.headingLevel)
                                }
                                return nil
                            }
                            // Spanned columns are written out as covered cells, which come next.
                            cells.append(OfficeCell(lines: ls, span: 1))
                        } else if c.named("covered-table-cell") {
                            cells.append(OfficeCell(lines: []))
                        }
                    }
                    rows.append(cells)
                } else if r.named("table-header-rows") || r.named("table-rows") || r.named("table-row-group") {
                    collect(r)
                }
            }
        }
        collect(t)
        return rows
    }

    func paragraph(_ p: MarkupNode, bullet: Bool) -> [OfficeLine] {
        let styleName = p.attribute("style-name")
        var heading: Int?
        if p.named("h") {
            heading = p.attribute("outline-level").flatMap(Int.init) ?? styles.resolve(styleName) { $0.outline } ?? 1
        }
        let align = styles.resolve(styleName) { $0.alignment }
        let baseBold = styles.resolve(styleName) { $0.bold } ?? false
        let baseFont = styles.resolve(styleName) { $0.font } ?? styles.defaultFont
        var b = OfficeLineBuilder(alignment: align, headingLevel: heading)
        if bullet { b.append("- ", bold: false, font: nil) }
        var notes: [OfficeLine] = []

        func inline(_ n: MarkupNode, bold: Bool, font: String?) {
            var c = n.firstChild
            while let node = c {
                defer { c = node.nextSibling }
                if node.isText { b.append(node.text, bold: bold, font: font); continue }
                guard node.isElement else { continue }
                if node.named("span") || node.named("a") || node.named("ruby") || node.named("ruby-base")
                    || node.named("meta") || node.named("changed-region") {
                    let st = node.attribute("style-name")
                    let nb = styles.resolve(st) { $0.bold } ?? bold
                    let nf = styles.resolve(st) { $0.font } ?? font
                    inline(node, bold: nb, font: nf)
                } else if node.named("s") {
                    let n = min(node.attribute("c").flatMap(Int.init) ?? 1, 64)
                    b.append(String(repeating: " ", count: max(1, n)), bold: bold, font: font)
                } else if node.named("tab") {
                    b.append(" ", bold: bold, font: font)
                } else if node.named("line-break") {
                    b.breakLine()
                } else if node.named("note") {
                    // A footnote or endnote: its paragraphs follow this one, as a PDF prints them
                    // at the foot of the page (the documents a plan cites often sit there).
                    for body in node.elements where body.named("note-body") {
                        for q in body.elements where q.named("p") || q.named("h") { notes += paragraph(q, bullet: false) }
                    }
                } else if node.named("annotation") || node.named("tracked-changes") {
                    continue
                } else if node.named("frame") || node.named("text-box") {
                    // Frames anchored in a paragraph: their paragraphs are lines of their own.
                    b.breakLine()
                    for blk in lines(node, listStyle: nil, listDepth: 0, flattenTables: true) {
                        if case let .row(row) = blk, let s = row.segments.first {
                            b.append(row.text, bold: s.bold, font: s.font)
                            b.breakLine()
                        }
                    }
                } else {
                    inline(node, bold: bold, font: font)
                }
            }
        }
        inline(p, bold: baseBold, font: baseFont)
        return b.finish() + notes
    }
}

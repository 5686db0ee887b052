import Foundation

/// Reads `word/document.xml` of a DOCX with its footnotes and endnotes (headers,
/// footers and comments are not the document's text). Styles give fonts, bold and
/// heading levels; numbering gives bullets.
public enum DOCXDecoder {
    /// `pruneStyles: false` parses styles.xml whole (the tests compare both ways).
    public static func decode(_ data: Data, pruneStyles: Bool = true) throws -> DecodedDocument {
        let zip = try OfficeArchive(data, kind: "DOCX")
        guard let xml = try zip.read("word/document.xml") else {
            throw ThiduaError(.zipDamaged, "DOCX has no word/document.xml")
        }
        let doc = try MarkupDocument.xml(xml, part: "word/document.xml", kind: "DOCX")
        var styles = DOCXStyles()
        let numbering = try zip.read("word/numbering.xml")
        if let s = try zip.read("word/styles.xml") {
            let used = pruneStyles ? DOCXStylePruner.prune(s, usedBy: [xml] + (numbering.map { [$0] } ?? [])) : s
            styles.load(try MarkupDocument.xml(used, part: "word/styles.xml", kind: "DOCX"))
        }
        if let n = numbering {
            styles.loadNumbering(try MarkupDocument.xml(n, part: "word/numbering.xml", kind: "DOCX"))
        }
        guard let root = doc.root, let body = root.elements.first(where: { $0.named("body") }) else {
            throw ThiduaError(.xmlDamaged, "DOCX word/document.xml has no body")
        }
        var reader = DOCXReader(styles: styles)
        // Footnotes and endnotes (often the documents a plan cites) follow the paragraph that
        // marks them, as a PDF prints them at the foot of that page. A damaged notes part
        // loses the notes, not the document.
        let noteParts: [(part: String, kind: String, element: StaticString)] =
            [("word/footnotes.xml", "footnote", "footnote"), ("word/endnotes.xml", "endnote", "endnote")]
        for n in noteParts {
            if let data = try zip.read(n.part), let notes = try? MarkupDocument.xml(data, part: n.part, kind: "DOCX") {
                reader.notes[n.kind] = reader.readNotes(notes, element: n.element)
            }
        }
        reader.blockContainer(body)
        return DecodedDocument(format: .docx, blocks: reader.blocks, encoding: "utf-8")
    }
}

/// What styles.xml and numbering.xml say, resolved along `basedOn`.
struct DOCXStyles {
    struct Style {
        var basedOn: String?
        var font: String?
        var bold: Bool?
        var alignment: Alignment?
        var headingLevel: Int?
        var numId: String?
        var ilvl: Int?
    }

    var defaultFont: String?
    var defaultParagraphStyle: String?
    var styles: [String: Style] = [:]

    mutating func load(_ doc: MarkupDocument) {
        guard let root = doc.root else { return }
        for child in root.elements {
            if child.named("docDefaults") {
                for d in child.elements where d.named("rPrDefault") {
                    for rPr in d.elements where rPr.named("rPr") {
                        defaultFont = DOCXReader.runFont(rPr) ?? defaultFont
                    }
                }
            } else if child.named("style") {
                guard child.attribute("type") == "paragraph" || child.attribute("type") == "character",
                      let id = child.attribute("styleId") else { continue }
                var s = Style()
                if child.attribute("default") == "1" || child.attribute("default") == "true",
                   child.attribute("type") == "paragraph" {
                    defaultParagraphStyle = id
                }
                for e in child.elements {
                    if e.named("basedOn") { s.basedOn = e.attribute("val") }
                    else if e.named("name"), let n = e.attribute("val") { s.headingLevel = Self.headingLevel(name: n) }
                    else if e.named("rPr") {
                        s.font = DOCXReader.runFont(e)
                        s.bold = DOCXReader.flag(e, "b")
                    } else if e.named("pPr") {
                        for p in e.elements {
                            if p.named("jc") { s.alignment = DOCXReader.alignment(p.attribute("val")) }
                            else if p.named("outlineLvl"), s.headingLevel == nil,
                                    let v = p.attribute("val").flatMap(Int.init), v < 9 { s.headingLevel = v + 1 }
                            else if p.named("numPr") {
                                for q in p.elements {
                                    if q.named("numId") { s.numId = q.attribute("val") }
                                    if q.named("ilvl") { s.ilvl = q.attribute("val").flatMap(Int.init) }
                                }
                            }
                        }
                    }
                }
                styles[id] = s
            }
        }
    }

    struct ListLevel {
        var format: String
        var text: String
        var start: Int
    }

    /// numId → its levels (from the abstract numbering it points to).
    var listLevels: [String: [Int: ListLevel]] = [:]

    mutating func loadNumbering(_ doc: MarkupDocument) {
        guard let root = doc.root else { return }
        var abstract: [String: [Int: ListLevel]] = [:]
        var numToAbstract: [String: String] = [:]
        for child in root.elements {
            if child.named("abstractNum"), let id = child.attribute("abstractNumId") {
                var levels: [Int: ListLevel] = [:]
                for lvl in child.elements where lvl.named("lvl") {
                    let i = lvl.attribute("ilvl").flatMap(Int.init) ?? 0
                    var l = ListLevel(format: "decimal", text: "", start: 1)
                    for e in lvl.elements {
                        if e.named("numFmt") { l.format = e.attribute("val") ?? "decimal" }
                        else if e.named("lvlText") { l.text = e.attribute("val") ?? "" }
                        else if e.named("start") { l.start = e.attribute("val").flatMap(Int.init) ?? 1 }
                    }
                    levels[i] = l
                }
                abstract[id] = levels
            } else if child.named("num"), let id = child.attribute("numId") {
                for a in child.elements where a.named("abstractNumId") { numToAbstract[id] = a.attribute("val") }
            }
        }
        for (num, abs) in numToAbstract { listLevels[num] = abstract[abs] ?? [:] }
    }

    static func headingLevel(name: String) -> Int? {
        let n = name.lowercased()
        guard n.hasPrefix("heading "), let d = Int(n.dropFirst(8).trimmingCharacters(in: .whitespaces)), d >= 1, d <= 9
        else { return nil }
        return d
    }

    /// Walks `basedOn` (bounded) for the first style that sets the property.
    func resolve<T>(_ id: String?, _ get: (Style) -> T?) -> T? {
        var cur = id ?? defaultParagraphStyle
        var steps = 0
        while let c = cur, let s = styles[c], steps < 16 {
            if let v = get(s) { return v }
            cur = s.basedOn
            steps += 1
        }
        return nil
    }
}

/// Walks document.xml's body. Depth is bounded by libxml2 (256), so recursion is safe here.
struct DOCXReader {
    let styles: DOCXStyles
    var blocks: [Block] = []
    /// List counters live across paragraphs; a class so the paragraph reader can count.
    let lists = ListCounters()

    /// "footnote"/"endnote" → note id → the note's lines.
    var notes: [String: [String: [OfficeLine]]] = [:]

    init(styles: DOCXStyles) { self.styles = styles }

    /// The notes of footnotes.xml or endnotes.xml by id, without the separators.
    func readNotes(_ doc: MarkupDocument, element: StaticString) -> [String: [OfficeLine]] {
        guard let root = doc.root else { return [:] }
        var out: [String: [OfficeLine]] = [:]
        for note in root.elements where note.named(element) {
            guard let id = note.attribute("id"), note.attribute("type") == nil || note.attribute("type") == "normal" else { continue }
            var lines: [OfficeLine] = []
            for p in note.elements where p.named("p") {
                let (l, extra) = paragraph(p)
                lines += l
                for box in extra { lines += box }
            }
            if !lines.isEmpty { out[id] = lines }
        }
        return out
    }

    static func flag(_ rPr: MarkupNode, _ name: StaticString) -> Bool? {
        for e in rPr.elements where e.named(name) {
            guard let v = e.attribute("val") else { return true }
            return !(v == "0" || v == "false" || v == "off")
        }
        return nil
    }

    static func runFont(_ rPr: MarkupNode) -> String? {
        for e in rPr.elements where e.named("rFonts") {
            if let f = e.attribute("ascii") ?? e.attribute("hAnsi") ?? e.attribute("cs"), !f.isEmpty { return f }
        }
        return nil
    }

    static func alignment(_ v: String?) -> Alignment? {
        switch v {
        case "center": return .center
        case "right", "end": return .right
        case "both", "distribute", "justify", "lowKashida", "mediumKashida", "highKashida", "thaiDistribute":
            return .justify
        case "left", "start": return .left
        default: return nil
        }
    }

    /// Body, sdtContent, customXml: paragraphs and tables in order.
    mutating func blockContainer(_ node: MarkupNode) {
        for child in node.elements {
            if child.named("p") {
                let (lines, extra) = paragraph(child)
                blocks.append(contentsOf: lines.map { .row($0.row()) })
                for box in extra { blocks.append(contentsOf: box.map { .row($0.row()) }) }
            } else if child.named("tbl") {
                blocks.append(contentsOf: OfficeTables.blocks(table(child)))
            } else if child.named("sdt") || child.named("customXml") {
                for c in child.elements where c.named("sdtContent") { blockContainer(c) }
                if child.named("customXml") { blockContainer(child) }
            }
        }
    }

    func table(_ tbl: MarkupNode) -> [[OfficeCell]] {
        var rows: [[OfficeCell]] = []
        func collectRows(_ n: MarkupNode) {
            for tr in n.elements {
                if tr.named("tr") {
                    var cells: [OfficeCell] = []
                    func collectCells(_ m: MarkupNode) {
                        for tc in m.elements {
                            if tc.named("tc") { cells.append(cell(tc)) }
                            else if tc.named("sdt") || tc.named("customXml") {
                                for c in tc.elements where c.named("sdtContent") { collectCells(c) }
                            }
                        }
                    }
                    collectCells(tr)
                    rows.append(cells)
                } else if tr.named("sdt") || tr.named("customXml") {
                    for c in tr.elements where c.named("sdtContent") { collectRows(c) }
                }
            }
        }
        collectRows(tbl)
        return rows
    }

    func cell(_ tc: MarkupNode) -> OfficeCell {
        var span = 1
        var continuation = false
        var lines: [OfficeLine] = []
        func content(_ n: MarkupNode) {
            for e in n.elements {
                if e.named("tcPr") {
                    for p in e.elements {
                        if p.named("gridSpan") { span = max(1, p.attribute("val").flatMap(Int.init) ?? 1) }
                        if p.named("vMerge") {
                            let v = p.attribute("val")
                            continuation = v == nil || v == "continue"
                        }
                    }
                } else if e.named("p") {
                    let (l, extra) = paragraph(e)
                    lines.append(contentsOf: l)
                    for box in extra { lines.append(contentsOf: box) }
                } else if e.named("tbl") {
                    // A table inside a cell: its text joins the cell's lines.
                    for row in table(e) { for c in row { lines.append(contentsOf: c.lines) } }
                } else if e.named("sdt") || e.named("customXml") {
                    for c in e.elements where c.named("sdtContent") { content(c) }
                }
            }
        }
        content(tc)
        return OfficeCell(lines: continuation ? [] : lines, span: span)
    }

    /// A paragraph's lines (split at breaks) and the paragraphs of text boxes anchored in it.
    func paragraph(_ p: MarkupNode) -> ([OfficeLine], [[OfficeLine]]) {
        var styleId: String?
        var alignment: Alignment?
        var outline: Int?
        var numId: String?
        var ilvl: Int?
        var paraBold: Bool?
        var paraFont: String?
        for e in p.elements where e.named("pPr") {
            for q in e.elements {
                if q.named("pStyle") { styleId = q.attribute("val") }
                else if q.named("jc") { alignment = Self.alignment(q.attribute("val")) }
                else if q.named("outlineLvl") { outline = q.attribute("val").flatMap(Int.init).flatMap { $0 < 9 ? $0 + 1 : nil } }
                else if q.named("numPr") {
                    for r in q.elements {
                        if r.named("numId") { numId = r.attribute("val") }
                        if r.named("ilvl") { ilvl = r.attribute("val").flatMap(Int.init) }
                    }
                } else if q.named("rPr") {
                    // The paragraph mark's properties: used only when runs say nothing.
                    paraBold = Self.flag(q, "b")
                    paraFont = Self.runFont(q)
                }
            }
        }
        _ = paraBold
        let heading = outline ?? styles.resolve(styleId) { $0.headingLevel }
        let align = alignment ?? styles.resolve(styleId) { $0.alignment }
        let baseFont = styles.resolve(styleId) { $0.font } ?? styles.defaultFont ?? paraFont
        let baseBold = styles.resolve(styleId) { $0.bold } ?? false
        var builder = OfficeLineBuilder(alignment: align, headingLevel: heading)
        var boxes: [[OfficeLine]] = []

        let num = numId ?? styles.resolve(styleId) { $0.numId }
        if let num, num != "0", let levels = styles.listLevels[num] {
            let level = min(max(ilvl ?? styles.resolve(styleId) { $0.ilvl } ?? 0, 0), 8)
            if let label = lists.label(num: num, level: level, levels: levels) {
                builder.append(label, bold: false, font: nil)
            }
        }

        func run(_ r: MarkupNode) {
            var bold = baseBold
            var font = baseFont
            for e in r.elements {
                if e.named("rPr") {
                    if let s = e.elements.first(where: { $0.named("rStyle") })?.attribute("val"),
                       let st = styles.styles[s] {
                        if let b = st.bold { bold = b }
                        if let f = st.font { font = f }
                    }
                    if let b = Self.flag(e, "b") { bold = b }
                    if let f = Self.runFont(e) { font = f }
                } else if e.named("t") {
                    var c = e.firstChild
                    while let t = c {
                        if t.isText { builder.append(t.text, bold: bold, font: font) }
                        c = t.nextSibling
                    }
                } else if e.named("tab") || e.named("ptab") {
                    builder.append(" ", bold: bold, font: font)
                } else if e.named("br") || e.named("cr") {
                    builder.breakLine()
                } else if e.named("softHyphen") {
                    // Kept for the legacy repair: a TCVN3 "ư" (byte 0xAD) that a converter wrote
                    // as a soft hyphen. Unicode text loses it in Repair.
                    builder.append("\u{00AD}", bold: bold, font: font)
                } else if e.named("footnoteReference") || e.named("endnoteReference"),
                          let id = e.attribute("id"), let note = notes[e.named("footnoteReference") ? "footnote" : "endnote"]?[id] {
                    boxes.append(note)
                } else if e.named("noBreakHyphen") {
                    builder.append("-", bold: bold, font: font)
                } else if e.named("drawing") || e.named("pict") || e.named("AlternateContent") || e.named("object") {
                    textBoxes(e, into: &boxes)
                }
            }
        }

        func inline(_ n: MarkupNode) {
            for e in n.elements {
                if e.named("r") { run(e) }
                else if e.named("hyperlink") || e.named("smartTag") || e.named("ins") || e.named("customXml")
                    || e.named("fldSimple") || e.named("bdo") || e.named("dir") || e.named("moveTo") {
                    inline(e)
                } else if e.named("sdt") {
                    for c in e.elements where c.named("sdtContent") { inline(c) }
                } else if e.named("AlternateContent") {
                    textBoxes(e, into: &boxes)
                }
            }
        }
        inline(p)
        return (builder.finish(), boxes)
    }

    /// Paragraphs of text boxes (`w:txbxContent`) under a drawing. Of
    /// `mc:AlternateContent` only the first choice is read: the fallback repeats it.
    func textBoxes(_ n: MarkupNode, into boxes: inout [[OfficeLine]]) {
        if n.named("txbxContent") {
            var lines: [OfficeLine] = []
            for e in n.elements {
                if e.named("p") {
                    let (l, extra) = paragraph(e)
                    lines.append(contentsOf: l)
                    for b in extra { lines.append(contentsOf: b) }
                } else if e.named("tbl") {
                    for row in table(e) { for c in row { lines.append(contentsOf: c.lines) } }
                }
            }
            if !lines.isEmpty { boxes.append(lines) }
            return
        }
        if n.named("AlternateContent") {
            if let choice = n.elements.first(where: { $0.named("Choice") }) {
                textBoxes(choice, into: &boxes)
            } else if let fb = n.elements.first(where: { $0.named("Fallback") }) {
                textBoxes(fb, into: &boxes)
            }
            return
        }
        for e in n.elements { textBoxes(e, into: &boxes) }
    }
}

/// Word list numbers are not in the text: they are counted here and written
/// in front of the paragraph ("- " for bullets, "1.", "a)", "II." for numbers).
final class ListCounters {
    private var counters: [String: [Int?]] = [:]

    func label(num: String, level: Int, levels: [Int: DOCXStyles.ListLevel]) -> String? {
        guard let def = levels[level] else { return nil }
        if def.format == "bullet" { return "- " }
        if def.format == "none" { return nil }
        var c = counters[num] ?? Array(repeating: nil, count: 9)
        c[level] = (c[level] ?? (def.start - 1)) + 1
        for deeper in (level + 1)..<9 { c[deeper] = nil }
        counters[num] = c
        guard !def.text.isEmpty else { return nil }
        var out = ""
        var chars = def.text.makeIterator()
        while let ch = chars.next() {
            if ch == "%", let d = chars.next() {
                if let k = d.wholeNumberValue, k >= 1, k <= 9 {
                    let lv = k - 1
                    let value = c[lv] ?? levels[lv]?.start ?? 1
                    out += Self.format(value, levels[lv]?.format ?? "decimal")
                } else {
                    out.append(ch)
                    out.append(d)
                }
            } else {
                out.append(ch)
            }
        }
        return out.isEmpty ? nil : out + " "
    }

    static func format(_ n: Int, _ fmt: String) -> String {
        switch fmt {
        case "upperRoman": return roman(n)
        case "lowerRoman": return roman(n).lowercased()
        case "upperLetter": return letters(n)
        case "lowerLetter": return letters(n).lowercased()
        case "decimalZero": return n < 10 ? "0\(n)" : String(n)
        default: return String(n)
        }
    }

    static func roman(_ n: Int) -> String {
        guard n > 0, n < 4000 else { return String(n) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n
        var out = ""
        for (v, s) in table { while n >= v { out += s; n -= v } }
        return out
    }

    static func letters(_ n: Int) -> String {
        guard n > 0 else { return String(n) }
        // Word repeats the letter past Z: AA, BB, …
        let letter = Character(Unicode.Scalar(UInt8(65 + (n - 1) % 26)))
        return String(repeating: letter, count: (n - 1) / 26 + 1)
    }
}

import Foundation

/// Reads an HTML page with libxml2's lenient HTML parser, cuts it down to the
/// element that holds the document (portal pages wrap it in megabytes of menus
/// and scripts), and turns blocks, line breaks and tables into rows. Every walk
/// is iterative, so a page nested 100,000 deep cannot overflow the stack.
public enum HTMLDecoder {
    public static func decode(_ data: Data) throws -> DecodedDocument {
        let (declared, declaredLabel) = charset(data)
        let (encoding, label, diagnostics) = checkDeclared(declared, label: declaredLabel, against: data)
        let doc = try MarkupDocument.html(data, encoding: encoding)
        guard let root = doc.root else { throw ThiduaError(.noText, "HTML page has no content") }
        let body = HTMLPage.firstElement(named: "body", under: root) ?? root
        let container = HTMLPage.documentContainer(body)
        var walker = HTMLWalker(flattenTables: false)
        walker.classes = ClassStyles.read(root)
        let blocks = walker.blocks(container)
        return DecodedDocument(format: .html, blocks: blocks, encoding: label, diagnostics: diagnostics)
    }

    /// A declared charset checked against the bytes: a page declaring an 8-bit or
    /// UTF-16 charset whose bytes are well-formed UTF-8 with letters beyond ASCII
    /// (and no NUL, which UTF-16 would have) is read as UTF-8, and the lie reported.
    static func checkDeclared(_ encoding: String?, label: String, against data: Data)
        -> (encoding: String?, label: String, diagnostics: [Diagnostic])
    {
        guard label != "utf-8", let declared = encoding else { return (encoding, label, []) }
        let head = data.prefix(2)
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return (encoding, label, []) }
        let evidence = UTF8Evidence(data)
        let hasNUL = data.contains(0)
        if (evidence.isCleanUTF8 || evidence.isMostlyUTF8) && !hasNUL
            || (declared.contains("16") || declared.contains("32")) && !hasNUL
        {
            return ("UTF-8", "utf-8", [Diagnostic(
                rule: "charset-declared-wrong", severity: .info,
                message: "the page declares charset \(declared) but its bytes are UTF-8; read as UTF-8")])
        }
        return (encoding, label, [])
    }

    /// The charset from a BOM or a `<meta … charset=…>` in the first 4 KiB; UTF-8 otherwise.
    static func charset(_ data: Data) -> (String?, String) {
        let head = [UInt8](data.prefix(4096))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return ("UTF-8", "utf-8") }
        if head.starts(with: [0xFF, 0xFE]) { return ("UTF-16LE", "utf-16") }
        if head.starts(with: [0xFE, 0xFF]) { return ("UTF-16BE", "utf-16") }
        let text = String(decoding: head.map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        var search = text.startIndex..<text.endIndex
        while let r = text.range(of: "charset", range: search) {
            search = r.upperBound..<text.endIndex
            var i = r.upperBound
            while i < text.endIndex, text[i] == " " { i = text.index(after: i) }
            guard i < text.endIndex, text[i] == "=" else { continue }
            i = text.index(after: i)
            while i < text.endIndex, text[i] == " " || text[i] == "\"" || text[i] == "'" { i = text.index(after: i) }
            var j = i
            while j < text.endIndex, text[j].isLetter || text[j].isNumber || "-_:.".contains(text[j]) {
                j = text.index(after: j)
            }
            let name = String(text[i..<j])
            guard !name.isEmpty else { continue }
            if name == "utf-8" || name == "utf8" { return ("UTF-8", "utf-8") }
            if MarkupDocument.knowsEncoding(name) { return (name, name) }
            return ("UTF-8", "utf-8")
        }
        return ("UTF-8", "utf-8")
    }
}

enum HTMLPage {
    /// Elements whose content is never document text.
    static func isDropped(_ n: MarkupNode) -> Bool {
        if n.named("script") || n.named("style") || n.named("noscript") || n.named("template") || n.named("nav")
            || n.named("header") || n.named("footer") || n.named("aside") || n.named("select") || n.named("button")
            || n.named("iframe") || n.named("svg") || n.named("canvas") || n.named("object") || n.named("embed")
            || n.named("head") || n.named("title") || n.named("textarea") || n.named("video") || n.named("audio")
            || n.named("map") || n.named("input") || n.named("option") {
            return true
        }
        if let style = n.attribute("style"), style.contains("none"), InlineCSS.value("display", in: style) == "none" {
            return true
        }
        if let role = n.attribute("role"), role == "navigation" || role == "menu" || role == "menubar" || role == "banner" {
            return true
        }
        if let c = n.attribute("class")?.lowercased(), c.contains("menu") || c.contains("breadcrumb")
            || c.contains("sidebar") || c.contains("navbar") {
            return true
        }
        return false
    }

    static func firstElement(named name: StaticString, under root: MarkupNode) -> MarkupNode? {
        var stack = [root]
        while let n = stack.popLast() {
            if n.named(name) { return n }
            var kids: [MarkupNode] = []
            for c in n.elements { kids.append(c) }
            stack.append(contentsOf: kids.reversed())
        }
        return nil
    }

    static let primaryMarkers = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA"]
    static let kindWords = ["KẾ HOẠCH", "QUYẾT ĐỊNH", "THÔNG TƯ", "CHỈ THỊ", "BÁO CÁO", "HƯỚNG DẪN", "NGHỊ ĐỊNH",
                            "NGHỊ QUYẾT", "TỜ TRÌNH", "THÔNG BÁO", "CÔNG VĂN", "HIẾN PHÁP", "QUY CHẾ", "QUY ĐỊNH"]

    struct Weight { var text = 0; var link = 0 }

    /// The element holding the document: climb from the first "CỘNG HÒA XÃ HỘI
    /// CHỦ NGHĨA" (else a kind word standing alone) while a parent adds a lot of
    /// non-link text; without a marker, descend from body into the child that
    /// holds most of the text.
    static func documentContainer(_ body: MarkupNode) -> MarkupNode {
        var weights: [Int: Weight] = [:]
        var primary: MarkupNode?
        var kind: MarkupNode?
        // Iterative post-order: a frame per open element accumulates its text.
        var stack: [(node: MarkupNode, w: Weight, link: Bool)] = [(body, Weight(), false)]
        var next: MarkupNode? = body.firstChild
        while !stack.isEmpty {
            if let n = next {
                if n.isElement {
                    if isDropped(n) { next = n.nextSibling; continue }
                    let inLink = stack[stack.count - 1].link || n.named("a")
                    stack.append((n, Weight(), inLink))
                    next = n.firstChild
                    continue
                }
                if n.isText {
                    let count = n.textByteCount
                    if count > 0 {
                        if stack[stack.count - 1].link { stack[stack.count - 1].w.link += count }
                        else { stack[stack.count - 1].w.text += count }
                        if primary == nil || kind == nil, count >= 8 {
                            let t = n.text
                            if primary == nil, primaryMarkers.contains(where: { t.contains($0) }),
                               let p = stack.last?.node {
                                primary = p
                            } else if kind == nil, count < 80 {
                                let trimmed = OfficeText.collapse(t)
                                if kindWords.contains(where: { trimmed.hasPrefix($0) }), let p = stack.last?.node {
                                    kind = p
                                }
                            }
                        }
                    }
                }
                next = n.nextSibling
                continue
            }
            // No more children: close the innermost element.
            let done = stack.removeLast()
            weights[done.node.address] = done.w
            if var parent = stack.popLast() {
                parent.w.text += done.w.text
                parent.w.link += done.w.link
                stack.append(parent)
                next = done.node.nextSibling
            }
        }
        func score(_ n: MarkupNode) -> Int {
            guard let w = weights[n.address] else { return 0 }
            return w.text - 2 * w.link
        }
        if let start = primary ?? kind {
            var best = start
            var cur: MarkupNode? = start
            while let c = cur {
                if score(c) > score(best) + score(best) / 4 { best = c }
                if c == body { break }
                cur = c.parent
            }
            return best
        }
        var cur = body
        while true {
            let s = score(cur)
            guard let child = cur.elements.first(where: { score($0) * 5 >= s * 4 && score($0) > 0 }) else { break }
            cur = child
        }
        return cur
    }
}

/// Reads one property out of an inline `style` attribute without Foundation
/// string searching (it runs for every element of megabyte portal pages).
enum InlineCSS {
    /// The lower-cased value of `property` (e.g. "text-align"), without quotes.
    static func value(_ property: StaticString, in style: String, lowercase: Bool = true) -> String? {
        let hay = Array(style.utf8)
        let needle = UnsafeBufferPointer(start: property.utf8Start, count: property.utf8CodeUnitCount)
        guard hay.count > needle.count else { return nil }
        var i = 0
        outer: while i + needle.count <= hay.count {
            for j in 0..<needle.count {
                var c = hay[i + j]
                if c >= 0x41 && c <= 0x5A { c += 0x20 }
                if c != needle[j] { i += 1; continue outer }
            }
            var k = i + needle.count
            while k < hay.count, hay[k] == 0x20 { k += 1 }
            guard k < hay.count, hay[k] == 0x3A else { i += 1; continue }  // ':'
            k += 1
            var out: [UInt8] = []
            while k < hay.count, hay[k] != 0x3B {  // ';'
                var c = hay[k]
                if lowercase, c >= 0x41 && c <= 0x5A { c += 0x20 }
                out.append(c)
                k += 1
            }
            return String(decoding: out, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: " '\"\t\n\r"))
        }
        return nil
    }
}

/// Turns an element's content into blocks, iteratively.
struct HTMLWalker {
    let flattenTables: Bool
    /// Alignment and weight that `<style>` rules give classes (office exports centre titles so).
    var classes = ClassStyles()
    private var out: [Block] = []
    private var line = OfficeLineBuilder(collapse: true)

    init(flattenTables: Bool) { self.flattenTables = flattenTables }

    private struct Frame {
        var node: MarkupNode
        var alignment: Alignment?
        var bold: Bool
        var block: Bool
        var heading: Int?
        var ordered: Bool?
        var font: String?
    }

    /// `<font face>` or the first CSS font-family: old portal pages set .VnTime or
    /// VNI-Times this way, which the legacy-encoding repair needs to know.
    static func font(_ n: MarkupNode) -> String? {
        if n.named("font"), let face = n.attribute("face") {
            return face.split(separator: ",").first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '\"")) }
        }
        guard let style = n.attribute("style"), let family = InlineCSS.value("font-family", in: style, lowercase: false) else {
            return nil
        }
        let first = family.prefix { $0 != "," }
        let name = first.trimmingCharacters(in: CharacterSet(charactersIn: " '\""))
        return name.isEmpty ? nil : name
    }

    static func isBlock(_ n: MarkupNode) -> Bool {
        n.named("p") || n.named("div") || n.named("li") || n.named("ul") || n.named("ol") || n.named("h1")
            || n.named("h2") || n.named("h3") || n.named("h4") || n.named("h5") || n.named("h6") || n.named("tr")
            || n.named("td") || n.named("th") || n.named("table") || n.named("tbody") || n.named("thead")
            || n.named("tfoot") || n.named("blockquote") || n.named("pre") || n.named("section")
            || n.named("article") || n.named("main") || n.named("center") || n.named("address") || n.named("dl")
            || n.named("dt") || n.named("dd") || n.named("figure") || n.named("figcaption") || n.named("caption")
            || n.named("hr") || n.named("form") || n.named("fieldset") || n.named("legend") || n.named("body")
            || n.named("details") || n.named("summary") || n.named("html")
    }

    static func headingLevel(_ n: MarkupNode) -> Int? {
        if n.named("h1") { return 1 }
        if n.named("h2") { return 2 }
        if n.named("h3") { return 3 }
        if n.named("h4") { return 4 }
        if n.named("h5") { return 5 }
        if n.named("h6") { return 6 }
        return nil
    }

    /// A CSS `text-align` value as an alignment, where it names one.
    static func alignment(css value: String) -> Alignment? {
        if value.hasPrefix("center") { return .center }
        if value.hasPrefix("right") || value.hasPrefix("end") { return .right }
        if value.hasPrefix("justify") { return .justify }
        if value.hasPrefix("left") || value.hasPrefix("start") { return .left }
        return nil
    }

    /// A CSS `font-weight` value: bold, normal, or neither said.
    static func bold(css value: String) -> Bool? {
        if value.hasPrefix("bold") || value.hasPrefix("7") || value.hasPrefix("8") || value.hasPrefix("9") { return true }
        if value.hasPrefix("normal") || value.hasPrefix("4") { return false }
        return nil
    }

    static func alignment(_ n: MarkupNode) -> Alignment? {
        if let style = n.attribute("style"), let rest = InlineCSS.value("text-align", in: style),
           let a = alignment(css: rest) {
            return a
        }
        if n.named("center") { return .center }
        // align= on a table places the table, not its text.
        if n.named("table") { return nil }
        switch n.attribute("align")?.lowercased() {
        case "center", "middle": return .center
        case "right": return .right
        case "justify": return .justify
        case "left": return .left
        default: return nil
        }
    }

    static func isBold(_ n: MarkupNode) -> Bool? {
        if n.named("b") || n.named("strong") || n.named("th") || headingLevel(n) != nil { return true }
        if let style = n.attribute("style"), let rest = InlineCSS.value("font-weight", in: style),
           let b = bold(css: rest) {
            return b
        }
        return nil
    }

    private mutating func flush(_ frame: Frame?) {
        line.alignment = frame?.alignment
        line.headingLevel = frame?.heading
        for l in line.finish() { out.append(.row(l.row())) }
    }

    mutating func blocks(_ root: MarkupNode) -> [Block] {
        var frames: [Frame] = [Frame(node: root, alignment: Self.alignment(root) ?? classes.alignment(root),
                                     bold: Self.isBold(root) ?? classes.bold(root) ?? false,
                                     block: true, heading: Self.headingLevel(root), ordered: nil,
                                     font: Self.font(root))]
        var next = root.firstChild
        while !frames.isEmpty {
            if let n = next {
                let top = frames[frames.count - 1]
                if n.isText {
                    line.append(n.text, bold: top.bold, font: top.font)
                    next = n.nextSibling
                    continue
                }
                guard n.isElement, !HTMLPage.isDropped(n) else { next = n.nextSibling; continue }
                if n.named("br") {
                    flush(top)
                    next = n.nextSibling
                    continue
                }
                if n.named("table"), !flattenTables {
                    flush(top)
                    out.append(contentsOf: table(n))
                    next = n.nextSibling
                    continue
                }
                let block = Self.isBlock(n)
                if block { flush(top) }
                var frame = Frame(node: n, alignment: Self.alignment(n) ?? classes.alignment(n) ?? top.alignment,
                                  bold: Self.isBold(n) ?? classes.bold(n) ?? top.bold, block: block,
                                  heading: Self.headingLevel(n) ?? top.heading, ordered: top.ordered,
                                  font: Self.font(n) ?? top.font)
                if n.named("ul") { frame.ordered = false }
                if n.named("ol") { frame.ordered = true }
                if n.named("li"), top.ordered == false { line.append("- ", bold: false, font: nil) }
                frames.append(frame)
                next = n.firstChild
                continue
            }
            let done = frames.removeLast()
            if done.block { flush(done) }
            if frames.isEmpty { break }
            next = done.node.nextSibling
        }
        flush(nil)
        let result = out
        out = []
        return result
    }

    /// Spans and rowspans that overlap push each row's cells right: rows of `rowspan="1000"`
    /// cells once made a grid of rows × rows. Spans stop at this column, so a row costs at
    /// most this many cells beyond its own.
    static let maxColumns = 128

    /// Rows of a table (rows of nested thead/tbody/tfoot too), cells walked flat.
    private func table(_ t: MarkupNode) -> [Block] {
        var trs: [MarkupNode] = []
        for c in t.elements {
            if c.named("tr") { trs.append(c) }
            else if c.named("tbody") || c.named("thead") || c.named("tfoot") {
                for r in c.elements where r.named("tr") { trs.append(r) }
            }
        }
        var rows: [[OfficeCell]] = []
        // Columns still covered by a rowspan from above: column → rows left.
        var carry: [Int: Int] = [:]
        for tr in trs {
            var cells: [OfficeCell] = []
            func fillCarried() {
                while cells.count < Self.maxColumns, let left = carry[cells.count], left > 0 {
                    carry[cells.count] = left - 1
                    cells.append(OfficeCell(lines: []))
                }
            }
            for td in tr.elements where td.named("td") || td.named("th") {
                fillCarried()
                var walker = HTMLWalker(flattenTables: true)
                walker.classes = classes
                let blocks = walker.blocks(td)
                let lines: [OfficeLine] = blocks.compactMap {
                    if case let .row(r) = $0, let s = r.segments.first {
                        return OfficeLine(text: r.text, bold: s.bold, font: s.font, alignment: r.alignment,
                                          headingLevel: r.headingLevel)
                    }
                    return nil
                }
                let span = min(max(1, td.attribute("colspan").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 1), 64)
                let rowspan = min(max(1, td.attribute("rowspan").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 1), 1000)
                let col = cells.count
                // Spans end at the last column; past it a cell takes one column, carries nothing.
                let width = max(1, min(span, Self.maxColumns - col))
                cells.append(OfficeCell(lines: lines, span: width))
                if rowspan > 1, col < Self.maxColumns { for k in 0..<width { carry[col + k] = rowspan - 1 } }
                if width > 1 { for _ in 1..<width { cells.append(OfficeCell(lines: [])) } }
            }
            fillCarried()
            // Spans were expanded above; tell the table builder each cell spans one column.
            rows.append(cells.map { OfficeCell(lines: $0.lines, span: 1) })
        }
        return OfficeTables.blocks(rows, oneColumnX0: Self.side(t))
    }

    /// A one-column table floated left or right (portals lay out the header so).
    static func side(_ t: MarkupNode) -> Double? {
        let align = t.attribute("align")?.lowercased()
        let style = t.attribute("style")?.lowercased() ?? ""
        if align == "right" || style.contains("float: right") || style.contains("float:right") { return OfficeTables.pageWidth / 2 }
        if align == "left" || style.contains("float: left") || style.contains("float:left") { return 0 }
        return nil
    }
}

/// The class rules of a page's `<style>` elements that matter here: `text-align` and
/// `font-weight` of `.name` and `tag.name` selectors (LibreOffice and Word exports put a
/// title's centring there). Other selectors are ignored; the read is bounded.
struct ClassStyles {
    var align: [String: Alignment] = [:]
    var weight: [String: Bool] = [:]

    static func read(_ root: MarkupNode) -> ClassStyles {
        var out = ClassStyles()
        var css = ""
        var stack = [root]
        var visited = 0
        while let n = stack.popLast(), visited < 20_000 {
            visited += 1
            if n.named("style") {
                var c = n.firstChild
                while let t = c { if t.isText { css += t.text }; c = t.nextSibling }
                continue
            }
            if n.named("body") { continue }
            var c = n.firstChild
            while let e = c { if e.isElement { stack.append(e) }; c = e.nextSibling }
        }
        guard !css.isEmpty, css.utf8.count < 2_000_000 else { return out }
        for rule in css.split(separator: "}") {
            guard let open = rule.firstIndex(of: "{") else { continue }
            let body = String(rule[rule.index(after: open)...])
            let align = InlineCSS.value("text-align", in: body)
            let weight = InlineCSS.value("font-weight", in: body)
            guard align != nil || weight != nil else { continue }
            for sel in rule[..<open].split(separator: ",") {
                let sel = sel.trimmed
                // ".P20", "p.P20" — one class, nothing after it.
                guard let dot = sel.lastIndex(of: "."), !sel[dot...].contains(where: { " :>[#".contains($0) }) else { continue }
                let name = String(sel[sel.index(after: dot)...])
                guard !name.isEmpty else { continue }
                if let a = align { out.align[name] = HTMLWalker.alignment(css: a) ?? .left }
                if let w = weight { out.weight[name] = HTMLWalker.bold(css: w) ?? false }
            }
        }
        return out
    }

    func alignment(_ n: MarkupNode) -> Alignment? {
        guard !align.isEmpty, let cls = n.attribute("class") else { return nil }
        return cls.split(separator: " ").lazy.compactMap { align[String($0)] }.first
    }

    func bold(_ n: MarkupNode) -> Bool? {
        guard !weight.isEmpty, let cls = n.attribute("class") else { return nil }
        return cls.split(separator: " ").lazy.compactMap { weight[String($0)] }.first
    }
}

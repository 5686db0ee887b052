import Foundation

/// Tables as legal-document portals convert them to Markdown: every cell on lines of
/// its own between lines holding a lone `|`, two `|` lines in a row ending a table row:
///
///     |                       ← row opens
///     **UỶ BAN NHÂN DÂN**     ← cell 1 (hard-wrapped lines)
///     |
///     **CỘNG HÒA XÃ HỘI …**   ← cell 2
///     |                       ← row closes
///     |                       ← next row opens
///
/// The national header and the closing block come this way, as do data tables.
enum PortalTable {
    /// A cell rule: a line holding only `|`.
    static func isCellRule<S: StringProtocol>(_ line: S) -> Bool {
        var seen = false
        for c in line.unicodeScalars {
            if c == "|" { if seen { return false }; seen = true } else if c != " " && c != "\t" { return false }
        }
        return seen
    }

    /// The rows (cells of source lines) from the cell rule at `start`, and the index of
    /// the first line after the table. The table ends at a rule followed by a blank line
    /// or the end of the text; a row ends at two rules in a row. Linear in the lines read.
    static func parse<S: StringProtocol>(_ lines: [S], from start: Int) -> (rows: [[[String]]], next: Int) {
        var rows: [[[String]]] = []
        var cells: [[String]] = []
        var cell: [String] = []
        var i = start + 1
        func isBlank(_ k: Int) -> Bool { k >= lines.count || lines[k].allSatisfy { $0 == " " || $0 == "\t" } }
        while i < lines.count {
            let line = lines[i]
            if isCellRule(line) {
                cells.append(cell)
                cell = []
                if i + 1 < lines.count, isCellRule(lines[i + 1]) {
                    rows.append(cells)
                    cells = []
                    i += 2
                    continue
                }
                if isBlank(i + 1) {
                    i += 1
                    break
                }
                i += 1
                continue
            }
            cell.append(String(line))
            i += 1
        }
        if !cell.isEmpty { cells.append(cell) }
        if !cells.isEmpty { rows.append(cells) }
        return (rows, i)
    }

    /// A cell's source lines as lines of text: Markdown marks removed, bold kept as evidence
    /// (an emphasis opened on one line and closed on a later one makes both bold).
    static func lines(_ cell: [String]) -> [OfficeLine] {
        var bold = false, italic = false
        var out: [OfficeLine] = []
        var joinNext = false
        for raw in cell {
            let strong = raw.components(separatedBy: "**").count - 1
            let lineBold = bold || strong > 0
            if strong % 2 == 1 { bold.toggle() }
            let wasOpen = joinNext
            if MarkdownParagraphs.singleEmphasisMarks(raw) % 2 == 1 { italic.toggle() }
            joinNext = bold || italic
            let text = TextDecoder.clean(raw, markdown: true).trimmingCharacters(in: .whitespaces)
            // "-------" under the issuer and the Quốc hiệu, "* *", a lone "**": nothing to read.
            if text.isEmpty || text.allSatisfy({ $0 == "-" || $0 == "_" || $0 == "=" || $0 == "*" || $0 == " " }) { continue }
            // A line wrapped inside an emphasis ("*Bắc Ninh, ngày 20" / "tháng 11 năm 2025*",
            // "**TM. ỦY BAN NHÂN" / "DÂN**") or going on in lower case continues the line above.
            let listItem = text.hasPrefix("- ") || text.hasPrefix("+ ")
            if let last = out.last, !listItem, wasOpen || (text.first?.isLowercase ?? false) {
                out[out.count - 1].text = MarkdownParagraphs.join([last.text, text])
                out[out.count - 1].bold = last.bold || lineBold
            } else {
                out.append(OfficeLine(text: text, bold: lineBold, font: nil, alignment: nil, headingLevel: nil))
            }
        }
        return out
    }
}

/// Markdown paragraphs: lines with no blank line between them are one paragraph
/// (CommonMark), unless a line opens a list item, a heading, an outline mark, or the
/// lines are separate emphasized lines ("**TM. ỦY BAN NHÂN DÂN**" / "**KT. CHỦ TỊCH**").
enum MarkdownParagraphs {
    /// A line that takes part in paragraphs: not a heading, a table line or a table rule.
    static func isPlainLine(_ line: String) -> Bool {
        let t = line.drop(while: { $0 == " " })
        if t.hasPrefix("#") || t.hasPrefix("|") { return false }
        return true
    }

    /// Whether `next` continues the paragraph whose last line is `previous`.
    static func continues(_ previous: String, with next: String) -> Bool {
        let p = previous.trimmingCharacters(in: .whitespaces)
        let n = next.trimmingCharacters(in: .whitespaces)
        // An emphasis left open at the end of the line goes on over the break.
        if emphasisOpen(p) { return true }
        if n.hasPrefix("- ") || n.hasPrefix("+ ") || n.hasPrefix("* ") || n.hasPrefix("> ") { return false }
        let plain = TextDecoder.clean(n, markdown: true)
        if Outline.marker(in: plain) != nil, !(plain.first?.isLowercase ?? false) { return false }
        if isWhollyEmphasized(p) && isWhollyEmphasized(n) { return false }
        return true
    }

    static func join(_ lines: [String]) -> String {
        var out = ""
        for l in lines {
            let t = l.trimmingCharacters(in: .whitespaces)
            if out.isEmpty { out = t; continue }
            out += Reflow.joinSeparator(out, t) + t
        }
        return out
    }

    static func emphasisOpen(_ line: String) -> Bool {
        (line.components(separatedBy: "**").count - 1) % 2 == 1 || singleEmphasisMarks(line) % 2 == 1
    }

    /// The single `*` marks of a line (not `**`, not a bullet, not an escaped `\*`).
    static func singleEmphasisMarks(_ line: String) -> Int {
        var t = line.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "\\*", with: "")
        // "* *": an empty emphasis, opened and closed.
        if t.allSatisfy({ $0 == "*" || $0 == " " }) { return 0 }
        if t.hasPrefix("* ") { t.removeFirst(2) }
        return t.reduce(0) { $0 + ($1 == "*" ? 1 : 0) }
    }

    static func isWhollyEmphasized(_ line: String) -> Bool {
        (line.hasPrefix("**") && line.hasSuffix("**") && line.count > 4)
            || (line.hasPrefix("*") && line.hasSuffix("*") && !line.hasPrefix("* ") && line.count > 2)
    }
}

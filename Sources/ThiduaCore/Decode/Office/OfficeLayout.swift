import Foundation

/// One visual line of a paragraph, before it becomes a `Row` (or a cell line).
struct OfficeLine {
    var text: String
    var bold: Bool
    var font: String?
    var alignment: Alignment?
    var headingLevel: Int?

    /// Spaces before the text in the source (a tab counts 8): old documents push
    /// the right column of the header over with spaces.
    var indent: Int = 0

    var segment: Segment { Segment(text, bold: bold, font: font) }

    func row(x0: Double? = nil, x1: Double? = nil, pageWidth: Double? = nil) -> Row {
        if x0 == nil, let cols = spaceAlignedColumns() { return cols }
        var seg = segment
        seg.x0 = x0
        seg.x1 = x1
        return Row(segments: [seg], alignment: alignment, headingLevel: headingLevel, pageWidth: pageWidth,
                   isParagraph: true)
    }

    static let columnGap = 10
    static let rightColumnIndent = 24

    /// A header laid out with spaces instead of a table ("bé tµi chÝnh          céng hoµ x· héi…",
    /// or a date pushed right by 40 spaces) becomes two positioned segments, as a PDF line would.
    func spaceAlignedColumns() -> Row? {
        let half = OfficeTables.pageWidth / 2
        func row(_ segs: [Segment]) -> Row {
            Row(segments: segs, alignment: alignment, headingLevel: headingLevel, pageWidth: OfficeTables.pageWidth,
                isParagraph: true)
        }
        let u = Array(text.unicodeScalars)
        var runStart = -1
        var gap: (Int, Int)?
        for (i, c) in u.enumerated() {
            if c == " " {
                if runStart < 0 { runStart = i }
            } else {
                if runStart >= 0, i - runStart >= Self.columnGap {
                    if gap != nil { return nil }  // three parts: a form with blanks, not two columns
                    gap = (runStart, i)
                }
                runStart = -1
            }
        }
        if let (a, b) = gap {
            var left = segment
            left.text = String(String.UnicodeScalarView(u[..<a]))
            left.x0 = 0
            left.x1 = half
            var right = segment
            right.text = String(String.UnicodeScalarView(u[b...]))
            right.x0 = half
            right.x1 = OfficeTables.pageWidth
            return row([left, right])
        }
        if indent >= Self.rightColumnIndent, u.count <= 60 {
            var seg = segment
            seg.x0 = half
            seg.x1 = OfficeTables.pageWidth
            return row([seg])
        }
        return nil
    }
}

/// Builds lines from text pieces with their run attributes; the line's bold
/// and font are those of the majority of its letters (the font is evidence for
/// the legacy-encoding repair, so a .VnTime run must not be lost to a space run).
struct OfficeLineBuilder {
    private var text = ""
    private var boldCount = 0
    private var letterCount = 0
    private var fontCounts: [String: Int] = [:]
    var alignment: Alignment?
    var headingLevel: Int?
    let collapse: Bool
    private(set) var lines: [OfficeLine] = []

    init(alignment: Alignment? = nil, headingLevel: Int? = nil, collapse: Bool = false) {
        self.alignment = alignment
        self.headingLevel = headingLevel
        self.collapse = collapse
    }

    mutating func append(_ piece: String, bold: Bool, font: String?) {
        guard !piece.isEmpty else { return }
        text += piece
        var letters = 0
        for s in piece.unicodeScalars where !OfficeText.isSpace(s) { letters += 1 }
        if letters == 0 { return }
        letterCount += letters
        if bold { boldCount += letters }
        if let font, !font.isEmpty { fontCounts[font, default: 0] += letters }
    }

    var isEmpty: Bool { letterCount == 0 }

    mutating func breakLine() {
        defer {
            text = ""
            boldCount = 0
            letterCount = 0
            fontCounts = [:]
        }
        guard letterCount > 0 else { return }
        let clean = OfficeText.clean(text, collapse: collapse)
        guard !clean.isEmpty else { return }
        let font = fontCounts.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }?.key
        var indent = 0
        for u in text.unicodeScalars {
            if u == " " || u == "\u{A0}" { indent += 1 } else if u == "\t" { indent += 8 } else { break }
        }
        lines.append(OfficeLine(text: clean, bold: boldCount * 2 > letterCount, font: font,
                                alignment: alignment, headingLevel: headingLevel, indent: indent))
    }

    mutating func finish() -> [OfficeLine] {
        breakLine()
        let out = lines
        lines = []
        return out
    }
}

enum OfficeText {
    @inline(__always)
    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return u == " " || (u.value >= 0x09 && u.value <= 0x0D) }
        return u.properties.isWhitespace
    }

    /// Line text cleaned. `collapse` (HTML): runs of ASCII whitespace become one
    /// space, a no-break space stays a space of its own. Without it (DOCX, ODT,
    /// where spaces are the author's), tabs and breaks become spaces and runs are
    /// kept (a blank "Số:       /KH" says the number is still to be filled in).
    /// Both trim the ends.
    static func clean(_ s: String, collapse: Bool) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in s.unicodeScalars {
            if u == "\u{200B}" || u == "\u{FEFF}" { continue }
            let ascii = u == " " || u == "\t" || u == "\n" || u == "\r" || u == "\u{0C}"
            if collapse && ascii {
                pendingSpace = !out.isEmpty
                continue
            }
            if isSpace(u) {
                if pendingSpace { out.append(" "); pendingSpace = false }
                if !out.isEmpty || !collapse { out.append(" ") }
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(u)
        }
        var str = String(out)
        while str.last == " " { str.removeLast() }
        if let i = str.firstIndex(where: { $0 != " " }) { str = String(str[i...]) } else { str = "" }
        return str
    }

    static func collapse(_ s: String) -> String { clean(s, collapse: true) }
}

/// A table cell as decoders see it: its lines, and how many grid columns it spans.
struct OfficeCell {
    var lines: [OfficeLine]
    var span: Int = 1
    var text: String { lines.map(\.text).joined(separator: " ") }
}

/// Turns a table into blocks. Vietnamese documents lay out the header (issuer |
/// Quốc hiệu, Số | place and date) and the closing (Nơi nhận | signature) in
/// borderless two-column tables: those become rows, left column first (x0 = 0)
/// then right column (x0 = 300) on a 600-wide page, which is how the segmenter
/// tells the columns apart. Other tables stay tables. Merged cells: a cell that
/// spans columns is followed by empty cells, a vertically merged continuation
/// is empty (the text stays in the first cell only).
enum OfficeTables {
    static let pageWidth = 600.0

    /// `oneColumnX0`: where a one-column table sits when its markup places it
    /// (HTML `align=left/right`): its lines then carry that column's x0.
    static func blocks(_ rows: [[OfficeCell]], oneColumnX0: Double? = nil) -> [Block] {
        // Expand spans into empty cells so that columns line up.
        var grid: [[OfficeCell]] = rows.map { row in
            var out: [OfficeCell] = []
            for c in row {
                out.append(OfficeCell(lines: c.lines, span: 1))
                if c.span > 1 { for _ in 1..<min(c.span, 64) { out.append(OfficeCell(lines: [])) } }
            }
            return out
        }
        grid.removeAll { row in row.allSatisfy { $0.lines.isEmpty } }
        guard !grid.isEmpty else { return [] }
        let width = grid.map(\.count).max() ?? 0
        var used: [Int] = []
        for col in 0..<width where grid.contains(where: { col < $0.count && !$0[col].lines.isEmpty }) {
            used.append(col)
        }
        if used.count <= 1 {
            if let x0 = oneColumnX0, isLayout(grid, rowsCount: .max) {
                return grid.flatMap { row in
                    row.flatMap { $0.lines.map { .row($0.row(x0: x0, x1: x0 + pageWidth / 2, pageWidth: pageWidth)) } }
                }
            }
            // A frame around text (one column): plain paragraphs.
            return grid.flatMap { row in row.flatMap { $0.lines.map { .row($0.row()) } } }
        }
        if used.count == 2, isLayout(grid, rowsCount: grid.count) {
            var out: [Block] = []
            for (k, col) in used.enumerated() {
                let x0 = k == 0 ? 0.0 : pageWidth / 2
                for row in grid where col < row.count {
                    for line in row[col].lines {
                        out.append(.row(line.row(x0: x0, x1: x0 + pageWidth / 2, pageWidth: pageWidth)))
                    }
                }
            }
            return out
        }
        let table = Table(rows: grid.map { row in
            used.map { col in col < row.count ? TableCell(segments: row[col].lines.map(\.segment)) : TableCell(segments: []) }
        })
        return [.table(table)]
    }

    /// Markers of the header and closing blocks, upper-cased; legacy-font
    /// spellings (TCVN3, VNI) too, since .doc files reach here before repair.
    static let containsMarkers: [String] = [
        "CỘNG HÒA XÃ HỘI", "CỘNG HOÀ XÃ HỘI", "ĐỘC LẬP - TỰ DO", "ĐỘC LẬP – TỰ DO", "NƠI NHẬN",
        "CéNG HOµ X· HéI".uppercased(), "CéNG HßA X· HéI".uppercased(), "N¬I NHËN", "COÄNG HOØA", "COÄNG HOAØ",
        "NÔI NHAÄN", "ÑOÄC LAÄP",
    ]
    static let prefixMarkers: [String] = ["SỐ:", "SỐ ", "TM.", "TM ", "KT.", "Q.", "TL.", "TUQ.", "SÈ:", "SOÁ:"]

    static func isLayout(_ grid: [[OfficeCell]], rowsCount: Int) -> Bool {
        for row in grid {
            for cell in row {
                for line in cell.lines {
                    let u = line.text.uppercased()
                    if containsMarkers.contains(where: { u.contains($0) }) { return true }
                    if prefixMarkers.contains(where: { u.hasPrefix($0) }) { return true }
                }
            }
        }
        // Small two-column tables without markers are more often layout than data.
        return rowsCount <= 2
    }
}

import Foundation

/// A paragraph re-joined from hard-wrapped rows, remembering where each piece
/// came from so that a match inside it maps back to a page span.
public struct Paragraph: Sendable {
    public var text: String
    /// (offset of the piece in `text` in Unicode scalars, the segment's span).
    public var pieces: [(offset: Int, span: Span)]
    public var headingLevel: Int?
    public var alignment: Alignment?
    public var page: Int

    public init(text: String, pieces: [(offset: Int, span: Span)] = [], headingLevel: Int? = nil,
                alignment: Alignment? = nil, page: Int = 1) {
        self.text = text
        self.pieces = pieces
        self.headingLevel = headingLevel
        self.alignment = alignment
        self.page = page
    }

    /// The page span of a range of `text` (start and end mapped through the pieces;
    /// a range crossing pages ends at the end of its first page's piece).
    public func span(of range: Range<String.Index>) -> Span? {
        guard !pieces.isEmpty else { return nil }
        let a = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
        let b = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.upperBound)
        return span(scalarRange: a..<b)
    }

    public func span(scalarRange r: Range<Int>) -> Span? {
        guard !pieces.isEmpty else { return nil }
        func locate(_ x: Int) -> (Int, Span) {
            var idx = 0
            for (i, p) in pieces.enumerated() where p.offset <= x { idx = i }
            return (idx, pieces[idx].span)
        }
        let (i0, s0) = locate(r.lowerBound)
        let (i1, s1) = locate(max(r.lowerBound, r.upperBound - 1))
        let start = s0.start + min(r.lowerBound - pieces[i0].offset, s0.end - s0.start)
        var end: Int
        if s1.page == s0.page {
            end = s1.start + min(r.upperBound - pieces[i1].offset, s1.end - s1.start)
        } else {
            end = s0.end
        }
        end = max(end, start)
        return Span(page: s0.page, start: start, end: end)
    }

    /// The span of the whole paragraph (on its first page).
    public var span: Span? { span(scalarRange: 0..<text.unicodeScalars.count) }
}

/// Scalar offsets of indices met mostly in ascending order, in one walk over the text:
/// `Paragraph.span(of:)` counts from the start each time, which over a long paragraph's
/// many citations was quadratic.
struct ScalarOffsets {
    let text: String
    private var index: String.Index
    private var offset = 0

    init(_ text: String) {
        self.text = text
        index = text.startIndex
    }

    mutating func offset(of i: String.Index) -> Int {
        let scalars = text.unicodeScalars
        if i < index { index = scalars.startIndex; offset = 0 }
        offset += scalars.distance(from: index, to: i)
        index = i
        return offset
    }
}

extension Paragraph {
    /// `span(of:)` for ranges met in order (a `ScalarOffsets` over this paragraph's text).
    func span(of range: Range<String.Index>, offsets: inout ScalarOffsets) -> Span? {
        guard !pieces.isEmpty else { return nil }
        let a = offsets.offset(of: range.lowerBound)
        let b = a + text.unicodeScalars.distance(from: range.lowerBound, to: range.upperBound)
        return span(scalarRange: a..<b)
    }
}

/// Re-joins hard-wrapped rows into paragraphs (Vietnamese text: a sentence never
/// starts with a lowercase letter; outline marks and "Căn cứ …" open paragraphs;
/// a row that stops well short of the right margin ends one).
public enum Reflow {
    /// `openers`: words a row opens a paragraph with (`layout.yaml`'s `paragraphOpeners`).
    public static func paragraphs(_ rows: [Row], openers: [String]) -> [Paragraph] {
        let widths = TextWidth(rows)
        var out: [Paragraph] = []
        var current: Paragraph?
        var prevRow: Row?
        func flush() {
            if var p = current {
                p.text = p.text.trimmed
                if !p.text.isEmpty { out.append(p) }
            }
            current = nil
        }
        for row in rows {
            let text = row.text
            if text.isEmpty { continue }
            if let prev = prevRow, current != nil, shouldJoin(prev: prev, next: row, widths: widths, openers: openers) {
                append(row, to: &current!, separator: joinSeparator(current!.text, text))
            } else {
                flush()
                var p = Paragraph(text: "", headingLevel: row.headingLevel, alignment: row.alignment, page: row.page)
                append(row, to: &p, separator: "")
                current = p
            }
            prevRow = row
        }
        flush()
        return out
    }

    static func append(_ row: Row, to p: inout Paragraph, separator: String) {
        p.text += separator
        for (i, seg) in row.segments.enumerated() {
            if i > 0 { p.text += " " }
            if let span = seg.span { p.pieces.append((p.text.unicodeScalars.count, span)) }
            p.text += seg.text
        }
    }

    /// Rows join with a space, except a code broken after its "-" or "/" ("12-" / "CT/TU",
    /// "56/" / "KH-SNN"); "kinh tế -" / "xã hội" keeps its space.
    static func joinSeparator(_ left: String, _ right: String) -> String {
        guard let last = left.last, last == "-" || last == "/", let before = left.dropLast().last,
              before.isLetter || before.isNumber, let first = right.first, first.isUppercase || first.isNumber else { return " " }
        return ""
    }

    static func shouldJoin(prev: Row, next: Row, widths: TextWidth, openers: [String]) -> Bool {
        if prev.isParagraph || next.isParagraph { return false }
        if prev.headingLevel != nil || next.headingLevel != nil { return false }
        let a = prev.text, b = next.text
        if let m = Outline.marker(in: b) {
            // "- sạch - đẹp" after "xanh": a wrapped dash, not a bullet.
            let wrappedDash = (m.mark == .dash || m.mark == .plus) && (m.rest.first?.isLowercase ?? false)
                && !(a.last.map { ".;:!?".contains($0) } ?? true)
            if !wrappedDash { return false }
            return true
        }
        if startsParagraph(b, openers: openers) { return false }
        if isAllCapsLine(b) != isAllCapsLine(a) { return false }
        guard let first = b.first else { return false }
        if first.isLowercase { return true }
        if let pa = prev.alignment, let na = next.alignment, (pa == .center) != (na == .center) { return false }
        let full = widths.isFull(prev)
        if !full { return false }
        if let last = a.last, ".:;!?".contains(last) {
            return false
        }
        // An indented row after a full row opens a paragraph (PDF geometry).
        if let x0 = next.segments.first?.x0, let left = next.marginLeft, next.pageWidth.map({ $0 > 200 }) == true,
           x0 - left > 10 {
            return false
        }
        return true
    }

    static func startsParagraph(_ s: String, openers: [String]) -> Bool {
        openers.contains { s.hasPrefix($0) }
    }

    /// A short row written in capitals (a heading without a mark).
    static func isAllCapsLine(_ s: String) -> Bool {
        var letters = 0
        for c in s where c.isLetter {
            if c.isLowercase { return false }
            letters += 1
        }
        return letters >= 3 && s.count <= 160
    }
}

/// What "a full row" means for a document: reaching the right margin (geometry)
/// or near the longest rows (text).
struct TextWidth {
    let typicalLength: Int

    init(_ rows: [Row]) {
        let lengths = rows.compactMap { r -> Int? in r.segments.isEmpty ? nil : r.text.unicodeScalars.count }.sorted()
        typicalLength = lengths.isEmpty ? 80 : lengths[min(lengths.count - 1, lengths.count * 9 / 10)]
    }

    func isFull(_ row: Row) -> Bool {
        if let x1 = row.segments.last?.x1, let right = row.marginRight, let left = row.marginLeft,
           let w = row.pageWidth, w > 200, right > left {
            return x1 >= right - max(0.12 * (right - left), 24)
        }
        return Double(row.text.unicodeScalars.count) >= 0.7 * Double(typicalLength)
    }
}

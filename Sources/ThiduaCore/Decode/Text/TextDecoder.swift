import Foundation

/// Plain text and Markdown: UTF-8 (with or without BOM), UTF-16 with BOM, or a
/// legacy 8-bit encoding. Markdown marks are removed, their structure kept;
/// tab-separated rows become tables.
public enum TextDecoder {
    /// A longer line is not a document line: refuse rather than crawl through it.
    public static let maxLineLength = 1 << 20

    public static func decode(_ data: Data) throws -> DecodedDocument {
        let (text, encoding) = try decodeCharacters(data)
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        var longest = 0
        for (i, l) in lines.enumerated() {
            let n = l.utf8.count
            if n > maxLineLength {
                throw ThiduaError(.tooLarge, "line \(i + 1) is \(n / 1024) KiB long; a document line is at most \(maxLineLength / 1024) KiB")
            }
            longest = max(longest, n)
        }
        let markdown = isMarkdown(lines)
        var blocks: [Block] = []
        var pendingTable: [[TableCell]] = []
        func flushTable() {
            guard !pendingTable.isEmpty else { return }
            let columns = pendingTable.map(\.count).max() ?? 0
            if pendingTable.count >= 2 && columns >= 3 {
                blocks.append(.table(Table(rows: pendingTable)))
            } else {
                for cells in pendingTable {
                    blocks.append(.row(Row(segments: cells.map { Segment($0.text) })))
                }
            }
            pendingTable = []
        }
        // Column positions (in characters) only where the text is laid out in columns
        // (pdftotext -layout style): several rows split at wide gaps, or deep indents.
        let width = Double(max(longest, 1))
        let hasLayout = lines.prefix(2000).filter { splitWideGaps(String($0)).count > 1 || $0.prefix(while: { $0 == " " }).count >= 12 }.count >= 3
        // The next line with content after each line, found once (a scan per blank line was quadratic).
        var nextContent = [Int?](repeating: nil, count: lines.count + 1)
        for i in stride(from: lines.count - 1, through: 0, by: -1) {
            nextContent[i] = lines[i].trimmingCharacters(in: .whitespaces).isEmpty ? nextContent[i + 1] : i
        }
        func nextContentLine(after i: Int) -> Int? { nextContent[i + 1] }
        var skipUntil = 0
        // A Markdown paragraph's lines (no blank line between them) are one row.
        var paragraph: [String] = []
        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            let joined = MarkdownParagraphs.join(paragraph)
            paragraph = []
            let text = clean(joined, markdown: true).trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return }
            var s = Segment(text)
            s.bold = joined.hasPrefix("**")
            blocks.append(.row(Row(segments: [s], isParagraph: true)))
        }
        for (index, raw) in lines.enumerated() {
            if index < skipUntil { continue }
            var line = String(raw)
            if markdown, !hasLayout {
                // Portal Markdown: a table written one cell per line between lines of a lone "|".
                if PortalTable.isCellRule(line) {
                    flushParagraph()
                    flushTable()
                    let (rows, next) = PortalTable.parse(lines, from: index)
                    skipUntil = next
                    blocks += OfficeTables.blocks(rows.map { row in
                        row.map { cell in OfficeCell(lines: PortalTable.lines(cell)) }
                    })
                    continue
                }
                if MarkdownParagraphs.isPlainLine(line) {
                    if line.trimmingCharacters(in: .whitespaces).isEmpty {
                        flushParagraph()
                        blocks.append(.row(Row(segments: [], headingLevel: nil)))
                        continue
                    }
                    if !paragraph.isEmpty, !MarkdownParagraphs.continues(paragraph.last!, with: line) { flushParagraph() }
                    paragraph.append(line)
                    continue
                }
                flushParagraph()
            }
            if markdown, isMarkdownTableRule(line) { continue }
            // A blank line inside a tab-separated table (a page break in the source) does not end it.
            if !pendingTable.isEmpty, line.trimmingCharacters(in: .whitespaces).isEmpty,
               let next = nextContentLine(after: index), lines[next].contains("\t") {
                continue
            }
            if line.contains("\t") || (markdown && line.hasPrefix("|")) {
                let cells = splitCells(line, markdown: markdown)
                if cells.count >= 2 {
                    pendingTable.append(cells.map { TableCell(clean($0, markdown: markdown)) })
                    continue
                }
            }
            flushTable()
            var heading: Int?
            if markdown {
                let (h, rest) = stripHeading(line)
                heading = h
                line = rest
            }
            let parts = hasLayout ? splitWideGaps(line) : [(line.trimmingCharacters(in: .whitespaces), 0)]
            let segments = parts.map { part -> Segment in
                var s = hasLayout
                    ? Segment(clean(part.text, markdown: markdown), x0: Double(part.column), x1: Double(part.column + part.text.count))
                    : Segment(clean(part.text, markdown: markdown))
                s.bold = markdown && part.text.contains("**")
                return s
            }.filter { !$0.text.isEmpty }
            if segments.isEmpty {
                blocks.append(.row(Row(segments: [], headingLevel: nil)))
                continue
            }
            blocks.append(.row(hasLayout
                ? Row(segments: segments, headingLevel: heading, pageWidth: width, marginLeft: 0, marginRight: width)
                : Row(segments: segments, headingLevel: heading)))
        }
        flushParagraph()
        flushTable()
        return DecodedDocument(format: markdown ? .markdown : .text, blocks: blocks, encoding: encoding,
                               diagnostics: UTF8Evidence.replacements(in: text))
    }

    static func decodeCharacters(_ data: Data) throws -> (String, String) {
        let b = [UInt8](data.prefix(4))
        if b.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let s = String(data: data.dropFirst(3), encoding: .utf8) else {
                throw ThiduaError(.binary, "starts with a UTF-8 byte-order mark but is not UTF-8")
            }
            return (s, "utf-8")
        }
        if b.starts(with: [0xFF, 0xFE]) || b.starts(with: [0xFE, 0xFF]) {
            guard let s = String(data: data, encoding: .utf16) else {
                throw ThiduaError(.binary, "starts with a UTF-16 byte-order mark but is not UTF-16")
            }
            return (s, "utf-16")
        }
        try rejectBinary(data)
        if let s = String(data: data, encoding: .utf8) { return (s, "utf-8") }
        if let s = UTF8Evidence.mostlyUTF8(data) { return (s, "utf-8") }
        if let (s, enc) = LegacyEncoding.decodeBytes(data) { return (s, enc) }
        throw ThiduaError(.binary, "not text in any encoding thidua knows")
    }

    /// NUL bytes or many control bytes: not a text document.
    static func rejectBinary(_ data: Data) throws {
        let sample = data.prefix(65536)
        var control = 0
        for byte in sample {
            if byte == 0 { throw ThiduaError(.binary, "binary data (NUL bytes), not a document") }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C { control += 1 }
        }
        if control * 20 > sample.count { throw ThiduaError(.binary, "binary data, not a document") }
    }

    static func isMarkdown<S: StringProtocol>(_ lines: [S]) -> Bool {
        var marks = 0
        for l in lines.prefix(400) {
            let t = l.drop(while: { $0 == " " })
            if t.hasPrefix("# ") || t.hasPrefix("## ") || t.hasPrefix("### ") || t.hasPrefix("#### ") { marks += 2 }
            else if t.hasPrefix("**") && t.dropFirst(2).contains("**") { marks += 1 }
            else if t.hasPrefix("|") && t.hasSuffix("|") { marks += 1 }
        }
        return marks >= 2
    }

    static func isMarkdownTableRule(_ line: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        return t.hasPrefix("|") && t.allSatisfy { "|-: ".contains($0) } && t.contains("-")
    }

    static func splitCells(_ line: String, markdown: Bool) -> [String] {
        if markdown, line.trimmingCharacters(in: .whitespaces).hasPrefix("|") {
            var t = line.trimmingCharacters(in: .whitespaces)
            t.removeFirst()
            if t.hasSuffix("|") { t.removeLast() }
            return t.components(separatedBy: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return line.components(separatedBy: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static func stripHeading(_ line: String) -> (Int?, String) {
        let t = line.drop(while: { $0 == " " })
        var level = 0
        for c in t { if c == "#" { level += 1 } else { break } }
        guard level > 0, level <= 6, t.dropFirst(level).first == " " else { return (nil, line) }
        return (level, String(t.dropFirst(level + 1)))
    }

    /// Removes Markdown emphasis and escapes; keeps list marks (they are outline structure).
    static func clean(_ s: String, markdown: Bool) -> String {
        guard markdown else { return s }
        var t = s.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
        t = t.replacingOccurrences(of: "\\-", with: "-").replacingOccurrences(of: "\\.", with: ".")
            .replacingOccurrences(of: "\\*", with: "*")
        // Single *emphasis*: drop a '*' that touches a letter on one side only.
        var out = ""
        let chars = Array(t)
        for (i, c) in chars.enumerated() {
            if c == "*" {
                let prev = i > 0 ? chars[i - 1] : " "
                let next = i + 1 < chars.count ? chars[i + 1] : " "
                let isBullet = i == chars.firstIndex(where: { !$0.isWhitespace }) && next == " "
                if isBullet { out.append("-"); continue }
                if prev.isWhitespace != next.isWhitespace || prev.isLetter || next.isLetter { continue }
            }
            out.append(c)
        }
        return out
    }

    /// Blanks left in a draft ("Số:      /KH-UBND", "ngày      tháng      năm 2023") are not columns.
    static func gapSeparatesColumns(_ left: String, next: Character) -> Bool {
        let l = left.trimmingCharacters(in: .whitespaces).lowercased()
        if next == "/" { return false }
        for end in ["số:", "số", "ngày", "tháng", "năm"] where l.hasSuffix(end) { return false }
        return true
    }

    /// Splits a line at runs of four or more spaces (text laid out in columns).
    static func splitWideGaps(_ line: String) -> [(text: String, column: Int)] {
        var parts: [(String, Int)] = []
        var current = ""
        var start = 0
        var spaces = 0
        var col = 0
        for c in line {
            if c == " " || c == "\u{00A0}" {
                spaces += 1
            } else {
                if spaces >= 4, !current.isEmpty, gapSeparatesColumns(current, next: c) {
                    parts.append((current, start))
                    current = ""
                }
                if current.isEmpty { start = col } else if spaces > 0 { current += String(repeating: " ", count: spaces) }
                spaces = 0
                current.append(c)
            }
            col += 1
        }
        if !current.isEmpty { parts.append((current, start)) }
        return parts
    }
}

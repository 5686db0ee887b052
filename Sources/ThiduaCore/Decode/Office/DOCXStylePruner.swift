import Foundation

/// Cuts `word/styles.xml` down to the styles a document uses before it is parsed.
///
/// Word writes every built-in style into styles.xml: 300–400 KB for a 20 KB
/// document, and parsing it was most of a DOCX's decoding time. The styles that
/// matter are the ones document.xml and numbering.xml name (`w:pStyle`,
/// `w:rStyle`, `w:tblStyle`), the defaults, and what those are `basedOn`; each
/// `<w:style>` element is cut out whole on its bytes, so the rest is still the same
/// XML. Anything unexpected (another namespace prefix, no closing tag) returns the
/// part unchanged and it is parsed whole.
enum DOCXStylePruner {
    static func prune(_ styles: Data, usedBy parts: [Data]) -> Data {
        let bytes = [UInt8](styles)
        guard let rootStart = find("<w:styles", in: bytes, from: 0),
              let rootEnd = bytes[rootStart...].firstIndex(of: UInt8(ascii: ">")),
              let close = findLast("</w:styles>", in: bytes) else { return styles }
        var used = Set<String>()
        for part in parts {
            let p = [UInt8](part)
            var from = 0
            while let i = find("Style w:val=\"", in: p, from: from) {
                let v = i + 13
                guard let q = p[v...].firstIndex(of: UInt8(ascii: "\"")) else { break }
                used.insert(String(decoding: p[v..<q], as: UTF8.self))
                from = q
            }
        }
        // Every style element: its id, what it is based on, whether it is a default.
        struct Chunk { var range: Range<Int>; var id: String?; var basedOn: String?; var isDefault: Bool }
        var chunks: [Chunk] = []
        var keepRanges: [Range<Int>] = []
        if let d = find("<w:docDefaults", in: bytes, from: rootEnd), let e = find("</w:docDefaults>", in: bytes, from: d) {
            keepRanges.append(d..<(e + 16))
        }
        var from = rootEnd
        while let s = find("<w:style", in: bytes, from: from), s < close {
            let next = bytes[s + 8]
            guard next == UInt8(ascii: " ") || next == UInt8(ascii: ">") else { from = s + 8; continue }
            guard let tagEnd = bytes[s...].firstIndex(of: UInt8(ascii: ">")) else { return styles }
            let tag = Array(bytes[s...tagEnd])
            let end: Int
            if bytes[tagEnd - 1] == UInt8(ascii: "/") {
                end = tagEnd + 1
            } else {
                guard let e = find("</w:style>", in: bytes, from: tagEnd) else { return styles }
                end = e + 10
            }
            let id = attribute("w:styleId=\"", in: tag)
            let isDefault = attribute("w:default=\"", in: tag).map { $0 == "1" || $0 == "true" } ?? false
            // Looked for inside this style only (a search on to the end of the part for every
            // style without one would make the pruning quadratic).
            let basedOn = attribute("<w:basedOn w:val=\"", in: Array(bytes[tagEnd..<end]))
            chunks.append(Chunk(range: s..<end, id: id, basedOn: basedOn, isDefault: isDefault))
            from = end
        }
        // The used styles, the defaults, and their basedOn chains.
        var keep = used
        for c in chunks where c.isDefault { if let id = c.id { keep.insert(id) } }
        let byID = Dictionary(chunks.compactMap { c in c.id.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
        var frontier = Array(keep)
        while let id = frontier.popLast() {
            if let b = byID[id]?.basedOn, !keep.contains(b) { keep.insert(b); frontier.append(b) }
        }
        for c in chunks where c.id.map(keep.contains) ?? false { keepRanges.append(c.range) }
        keepRanges.sort { $0.lowerBound < $1.lowerBound }
        var out = Data(bytes[..<(rootEnd + 1)])
        for r in keepRanges { out.append(contentsOf: bytes[r]) }
        out.append(contentsOf: bytes[close...])
        return out
    }

    private static func attribute(_ prefix: String, in tag: [UInt8]) -> String? {
        guard let i = find(prefix, in: tag, from: 0) else { return nil }
        let v = i + prefix.utf8.count
        guard v <= tag.count, let q = tag[v...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return String(decoding: tag[v..<q], as: UTF8.self)
    }

    private static func find(_ needle: String, in hay: [UInt8], from: Int) -> Int? {
        let n = Array(needle.utf8)
        return n.withUnsafeBufferPointer { nb in hay.withUnsafeBufferPointer { hb in TextBytes.search(nb, in: hb, from: from) } }
    }

    private static func findLast(_ needle: String, in hay: [UInt8]) -> Int? {
        let n = Array(needle.utf8)
        var i = hay.count - n.count
        while i >= 0 {
            if hay[i] == n[0], Array(hay[i..<(i + n.count)]) == n { return i }
            i -= 1
        }
        return nil
    }
}

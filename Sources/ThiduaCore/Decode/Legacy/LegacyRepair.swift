import Foundation

/// UTF-8 output for the hot loops (appending scalars to a String one by one is slow).
enum UTF8Out {
    @inline(__always)
    static func append(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}

/// The slow path of `LegacyEncoding.repairIfGarbled`: runs only when telltale characters were seen.
enum LegacyRepair {
    enum Scheme: String, CaseIterable {
        case tcvn3, vni, viscii, viqr
    }

    // MARK: Word transforms

    /// Windows-1252 character → byte, plus the glyphs PDF extraction gives for TCVN3 fonts.
    static let tcvn3Bytes: [UInt32: UInt8] = {
        var map = LegacyCodecs.cp1252Inverse
        map[0x3BC] = 0xB5  // μ  → à
        map[0x2219] = 0xB7 // ∙  → ã
        map[0x2212] = 0xAD // −  → ư
        for b in 0x80...0x9F { map[UInt32(b)] = UInt8(b) }
        return map
    }()

    /// Windows-1252 character → byte for the VNI reading; index = scalar below 0x2300, -1 = none.
    static let vniBytes: [Int16] = {
        var table = [Int16](repeating: -1, count: 0x2300)
        for (v, b) in LegacyCodecs.cp1252Inverse where v < 0x2300 { table[Int(v)] = Int16(b) }
        for b in 0x80...0x9F { table[b] = Int16(b) }
        return table
    }()

    /// TCVN3 read as Windows-1252 (or through PDF glyphs), scalar by scalar: garbled → letter.
    /// Index = scalar value below 0x2300; 0 = no byte under this reading.
    static let tcvn3Scalars: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 0x2300)
        for (v, b) in tcvn3Bytes where v < 0x2300 && v >= 0x80 { table[Int(v)] = LegacyTables.tcvn3[Int(b)] }
        return table
    }()

    /// ơ ớ ờ ở ỡ ợ and ư ừ ứ ử ữ ự (lowercase: TCVN3 bytes are lowercase).
    static let hornO: Set<UInt32> = [0x1A1, 0x1EDB, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EE3]
    static let hornU: Set<UInt32> = [0x1B0, 0x1EE9, 0x1EEB, 0x1EED, 0x1EEF, 0x1EF1, 0x1AF]

    /// Transforms each word whose characters all have a byte under the scheme's reading; other
    /// words (real Unicode Vietnamese among garbled text) are left as they are.
    static func transform(_ text: String, _ scheme: Scheme) -> String {
        if scheme == .viqr { return VIQR.decode(text) }
        let src = Array(text.unicodeScalars)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        var bytes: [UInt8] = []
        var mapped: [Unicode.Scalar] = []
        let tcvn3 = tcvn3Scalars
        let vni = vniBytes
        var i = 0
        let n = src.count
        // VISCII puts letters on the bytes Windows-1252 shows as quotes, dashes and controls.
        let visciiLetters = scheme == .viscii
        @inline(__always) func isWord(_ s: Unicode.Scalar) -> Bool {
            if VietSyllable.isWordScalar(s) { return true }
            guard visciiLetters else { return false }
            let v = Int(s.value)
            return v >= 0x80 && v < 0x2300 && vni[v] >= 0x80 && vni[v] < 0xA0
        }
        while i < n {
            guard isWord(src[i]) else { UTF8Out.append(src[i].value, to: &out); i += 1; continue }
            var j = i
            var ok = true
            var high = false
            bytes.removeAll(keepingCapacity: true)
            while j < n, isWord(src[j]) {
                let v = Int(src[j].value)
                j += 1
                guard ok else { continue }
                if v < 0x80 { bytes.append(UInt8(v)); continue }
                if v >= 0x2300 { ok = false; continue }
                if scheme == .tcvn3 {
                    if tcvn3[v] == 0 { ok = false }
                } else {
                    // VNI and VISCII: the Windows-1252 byte.
                    if vni[v] < 0 { ok = false } else { bytes.append(UInt8(vni[v])) }
                }
                high = true
            }
            if ok && high {
                if scheme == .tcvn3 {
                    mapped.removeAll(keepingCapacity: true)
                    var horn = -1
                    for k in i..<j {
                        let v = src[k].value
                        let m = v < 0x80 ? v : tcvn3[Int(v)]
                        if horn < 0, Self.hornO.contains(m) { horn = mapped.count }
                        mapped.append(Unicode.Scalar(m)!)
                    }
                    // Converters that drop soft hyphens lose TCVN3's ư (0xAD): "Ch¬ng" → "Chương".
                    if horn > 0, !Self.hornU.contains(mapped[horn - 1].value), !VietSyllable.isValid(mapped) {
                        mapped.insert("ư", at: horn)
                        if !VietSyllable.isValid(mapped) { mapped.remove(at: horn) }
                    }
                    for m in mapped { UTF8Out.append(m.value, to: &out) }
                } else if scheme == .vni {
                    LegacyCodecs.decodeVNI(bytes, utf8: &out)
                } else {
                    for b in bytes { UTF8Out.append(LegacyTables.viscii[Int(b)], to: &out) }
                }
            } else {
                for k in i..<j { UTF8Out.append(src[k].value, to: &out) }
            }
            i = j
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Capitals (TCVN3)

    static let styleSuffixes = ["bolditalic", "boldoblique", "italic", "oblique", "bold", "regular", "normal", "-", ",", " "]

    /// Canonical legacy font family, lowercased, without subset prefix, leading dot and style:
    /// "ABCDEF+.VnTimeH,Bold" → "vntimeh".
    static func fontFamily(_ font: String) -> String {
        var name = Substring(font.lowercased())
        if let plus = name.firstIndex(of: "+"), name.distance(from: name.startIndex, to: plus) == 6 {
            name = name[name.index(after: plus)...]
        }
        while name.first == "." || name.first == " " { name = name.dropFirst() }
        var changed = true
        while changed {
            changed = false
            for suffix in styleSuffixes where name.hasSuffix(suffix) && name.count > suffix.count + 2 {
                name = name.dropLast(suffix.count)
                changed = true
            }
        }
        return String(name)
    }

    static func fontScheme(_ font: String?) -> Scheme? {
        guard let font else { return nil }
        let family = fontFamily(font)
        if family.hasPrefix("vni") { return .vni }
        if family.hasPrefix("vn") { return .tcvn3 }
        return nil
    }

    /// TCVN3 capital fonts (.VnTimeH, .VnArialH …) draw every letter as a capital.
    static func isCapitalFont(_ font: String?) -> Bool {
        guard let font, fontScheme(font) == .tcvn3 else { return false }
        return fontFamily(font).hasSuffix("h")
    }

    fileprivate struct WordInfo {
        var range: Range<Int>
        var upper = 0
        var asciiLower = 0
        var otherLower = 0
        var valid = false
        var strong: Bool { asciiLower == 0 && upper >= 2 && valid }
        /// All capitals, two or more (acronyms such as "NN", "PTNT" included).
        var capsish: Bool { asciiLower == 0 && otherLower == 0 && upper >= 2 }
    }

    /// TCVN3 has no capital toned letters: in text set in a normal font a toned lowercase
    /// letter inside a capital word ("KÕ HO¹CH" → "KẾ HOẠCH") was a capital. A word whose
    /// letters other than its toned lowercase ones are capitals becomes capital when it has two
    /// capitals or stands next to such a capital word.
    static func restoreCapitals(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var upperRanges: [Range<Int>] = []
        var words: [WordInfo] = []
        let table = VietSyllable.fastLetters
        var lineStart = 0
        while lineStart <= scalars.count {
            var lineEnd = lineStart
            while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
            words.removeAll(keepingCapacity: true)
            restoreCapitals(scalars, lineStart..<lineEnd, table, &words, &upperRanges)
            lineStart = lineEnd + 1
        }
        guard !upperRanges.isEmpty else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        var last = 0
        for r in upperRanges {
            for s in scalars[last..<r.lowerBound] { UTF8Out.append(s.value, to: &out) }
            for s in scalars[r] { UTF8Out.append(VietSyllable.upperOf[s.value] ?? s.value, to: &out) }
            last = r.upperBound
        }
        for s in scalars[last...] { UTF8Out.append(s.value, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// One line: collects the ranges to capitalize.
    private static func restoreCapitals(_ scalars: [Unicode.Scalar], _ line: Range<Int>, _ table: [UInt16],
                                        _ words: inout [WordInfo], _ upperRanges: inout [Range<Int>]) {
        var i = line.lowerBound
        while i < line.upperBound {
            guard VietSyllable.isWordScalar(scalars[i]) else { i += 1; continue }
            var j = i
            while j < line.upperBound, VietSyllable.isWordScalar(scalars[j]) { j += 1 }
            var info = WordInfo(range: i..<j)
            for s in scalars[i..<j] {
                let v = s.value
                let bits: UInt16 = v < 0x1F00 ? table[Int(v)] : 0
                if bits & 0x1F == 0 {
                    if v < 0x80 { if v >= 0x61 { info.asciiLower += 1 } else if v >= 0x41 { info.upper += 1 } }
                    continue
                }
                if bits & 0x100 != 0 { info.upper += 1 } else if v < 0x80 { info.asciiLower += 1 } else { info.otherLower += 1 }
            }
            if info.otherLower > 0 || info.strong || info.upper >= 2 { info.valid = VietSyllable.isValid(scalars[i..<j]) }
            words.append(info)
            i = j
        }
        let noLowercaseWord = !words.contains { $0.asciiLower > 0 }
        for (k, w) in words.enumerated() {
            guard w.otherLower > 0 else { continue }
            if w.asciiLower == 0, w.valid, capitalWord(words, k, noLowercaseWord: noLowercaseWord) {
                upperRanges.append(w.range)
                continue
            }
            // A toned letter (TCVN3 has no capital for it) starting a sentence, and "Ủy ban".
            let first = scalars[w.range.lowerBound]
            let bits: UInt16 = first.value < 0x1F00 ? VietSyllable.fastLetters[Int(first.value)] : 0
            guard bits & 0xE0 != 0, bits & 0x100 == 0 else { continue } // toned, lowercase
            if afterSentenceEnd(scalars, w.range.lowerBound) || isUyBan(scalars, w, next: k + 1 < words.count ? words[k + 1] : nil) {
                upperRanges.append(w.range.lowerBound..<(w.range.lowerBound + 1))
            }
        }
    }

    /// A word whose only lowercase letters are toned ones: capital when it has two capitals or
    /// stands next to a capital word (or, in a line without lowercase words, between acronyms).
    private static func capitalWord(_ words: [WordInfo], _ k: Int, noLowercaseWord: Bool) -> Bool {
        let prevStrong = k > 0 && words[k - 1].strong
        let nextStrong = k + 1 < words.count && words[k + 1].strong
        switch words[k].upper {
        case 2...:
            return true
        case 1:
            return prevStrong || nextStrong
                || (noLowercaseWord && k > 0 && words[k - 1].capsish && k + 1 < words.count && words[k + 1].capsish)
        default:
            return (prevStrong || k == 0) && (nextStrong || k + 1 == words.count) && (prevStrong || nextStrong)
        }
    }

    private static func afterSentenceEnd(_ scalars: [Unicode.Scalar], _ start: Int) -> Bool {
        var i = start - 1
        var spaces = 0
        while i >= 0, scalars[i] == " " { i -= 1; spaces += 1 }
        guard spaces > 0, i >= 1 else { return false }
        let c = scalars[i]
        guard c == "." || c == "!" || c == "?" else { return false }
        // "v.v." and initials are not sentence ends.
        return scalars[i - 1].properties.isAlphabetic && (i < 2 || !(scalars[i - 2] == "."))
            && !(i >= 2 && scalars[i - 2] == " ")
    }

    /// "ủy ban" is always "Ủy ban" in these documents (the typist had no capital Ủ in TCVN3).
    private static func isUyBan(_ scalars: [Unicode.Scalar], _ w: WordInfo, next: WordInfo?) -> Bool {
        guard w.range.count == 2, let next, next.range.count == 3,
              scalars[w.range.lowerBound] == "\u{1EE7}", scalars[w.range.lowerBound + 1] == "y" else { return false }
        return String(String.UnicodeScalarView(scalars[next.range])).lowercased() == "ban"
    }

    // MARK: Document

    private struct SegmentPath {
        var block: Int
        var row: Int
        var cell: Int
        var segment: Int
    }

    /// Letters outside Latin-1 that Vietnamese uses (ă đ ĩ ũ ơ ư, ạ … ỹ): text with them is
    /// already Unicode Vietnamese; TCVN3 and VNI read as Windows-1252 never produce them.
    static func hasUnicodeVietnamese(_ text: String) -> Bool {
        for s in text.unicodeScalars where s.value >= 0x100 {
            if let l = VietSyllable.letters[s.value], l.vietnamese { return true }
        }
        return false
    }

    /// `clues[k]` are the telltale counts of the k-th segment in `forEachSegment` order.
    static func repair(_ doc: DecodedDocument, clues: [LegacyEncoding.Clues]) -> DecodedDocument {
        // Gather segments.
        var paths: [SegmentPath] = []
        var segments: [Segment] = []
        for (b, block) in doc.blocks.enumerated() {
            switch block {
            case let .row(r):
                for (s, seg) in r.segments.enumerated() { paths.append(SegmentPath(block: b, row: -1, cell: -1, segment: s)); segments.append(seg) }
            case let .table(t):
                for (r, row) in t.rows.enumerated() {
                    for (c, cell) in row.enumerated() {
                        for (s, seg) in cell.segments.enumerated() { paths.append(SegmentPath(block: b, row: r, cell: c, segment: s)); segments.append(seg) }
                    }
                }
            }
        }
        guard segments.count == clues.count else { return doc }
        let unicodeEvident = segments.map { hasUnicodeVietnamese($0.text) }
        let docHasUnicode = unicodeEvident.contains(true)
        func clue(_ k: Int, _ scheme: Scheme) -> Int {
            switch scheme {
            case .tcvn3: return clues[k].tcvn3
            case .vni: return clues[k].vni
            case .viscii: return clues[k].tcvn3 + clues[k].vni
            case .viqr: return clues[k].viqr
            }
        }
        var fontVotes: [Scheme: Int] = [:]
        for seg in segments { if let s = fontScheme(seg.font) { fontVotes[s, default: 0] += 1 } }

        // Decide the scheme on the segments that carry its telltales and are not already
        // Unicode Vietnamese: the gain in valid syllables (for VIQR, tokens that convert).
        var beforeNet: [Int?] = Array(repeating: nil, count: segments.count)
        var best: (scheme: Scheme, gain: Int, results: [String?], afterNet: [Int?])?
        for scheme in Scheme.allCases {
            let total = segments.indices.reduce(0) { $0 + clue($1, scheme) }
            guard total >= (scheme == .viqr ? 3 : 1) else { continue }
            var gain = 0
            var viqrTokens = 0
            var afterValid = 0, afterInvalid = 0
            var results: [String?] = Array(repeating: nil, count: segments.count)
            var afterNet: [Int?] = Array(repeating: nil, count: segments.count)
            // A sample is enough to choose; the rest is transformed with the chosen scheme only.
            var budget = 24_000
            for k in segments.indices where clue(k, scheme) > 0 && !unicodeEvident[k] {
                guard budget > 0 else { break }
                let text = segments[k].text
                budget -= text.utf8.count
                let t = transform(text, scheme)
                results[k] = t
                guard t != text else { continue }
                if scheme == .viqr {
                    let (converted, tokens) = VIQR.convertedTokens(text)
                    gain += converted
                    viqrTokens += tokens
                } else {
                    let before = beforeNet[k] ?? VietSyllable.score(text).net
                    beforeNet[k] = before
                    let after = VietSyllable.score(t)
                    afterNet[k] = after.net
                    afterValid += after.validVietnamese
                    afterInvalid += after.invalidNonASCII
                    gain += after.net - before
                }
            }
            // VIQR: Vietnamese written so has marks on most words (a formula's "a^2" does not count).
            if scheme == .viqr, gain * 10 < viqrTokens * 3 { continue }
            // The repaired words with accents must be mostly valid syllables (a broken text
            // layer that no legacy reading fixes gains a few stray syllables by chance).
            if scheme != .viqr, afterValid < 2 * afterInvalid { continue }
            let needed = scheme == .viqr ? 3 : (fontVotes[scheme] ?? 0) > 0 ? 1 : 2
            if gain >= needed, gain > (best?.gain ?? 0) { best = (scheme, gain, results, afterNet) }
        }
        guard let best else { return doc }

        var changes: [Int: [(SegmentPath, String)]] = [:]
        for (k, seg) in segments.enumerated() where !seg.text.isEmpty {
            let capitalFont = best.scheme == .tcvn3 && isCapitalFont(seg.font)
            var newText: String? = nil
            if unicodeEvident[k] {
                // Real Unicode Vietnamese here: repair only words that carry a telltale.
                if clue(k, best.scheme) > 0 { newText = repairWords(seg.text, best.scheme) }
            } else {
                let t = best.results[k] ?? transform(seg.text, best.scheme)
                if t != seg.text {
                    if best.scheme == .viqr {
                        newText = t
                    } else {
                        let before = beforeNet[k] ?? VietSyllable.score(seg.text).net
                        let after = best.afterNet[k] ?? VietSyllable.score(t).net
                        if after > before {
                            newText = t
                        } else if after == before,
                                  clue(k, best.scheme) > 0 || fontScheme(seg.font) == best.scheme || !docHasUnicode {
                            newText = t
                        }
                    }
                }
            }
            if best.scheme == .tcvn3 {
                if capitalFont, newText != nil || (!unicodeEvident[k] && (best.results[k] ?? transform(seg.text, .tcvn3)) == seg.text) {
                    newText = (newText ?? seg.text).uppercased()
                } else if let t = newText {
                    newText = restoreCapitals(t)
                }
            }
            guard let t = newText, t != seg.text else { continue }
            changes[paths[k].block, default: []].append((paths[k], t))
        }
        guard !changes.isEmpty else { return doc }
        // Write back block by block (one copy of each changed row or table).
        var out = doc
        for (b, list) in changes {
            switch out.blocks[b] {
            case var .row(r):
                for (p, t) in list { r.segments[p.segment].text = t }
                out.blocks[b] = .row(r)
            case var .table(tb):
                for (p, t) in list { tb.rows[p.row][p.cell].segments[p.segment].text = t }
                out.blocks[b] = .table(tb)
            }
        }
        out.encoding = best.scheme.rawValue
        return out
    }

    /// In a segment that is already Unicode, repairs only the words that carry a telltale of
    /// the scheme and become valid syllables.
    static func repairWords(_ text: String, _ scheme: Scheme) -> String? {
        guard scheme != .viqr else { return nil }
        var out = ""
        var changed = false
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            var c = LegacyEncoding.Clues()
            c.scan(word)
            if (scheme == .tcvn3 ? c.tcvn3 : scheme == .vni ? c.vni : c.tcvn3 + c.vni) > 0 {
                let t = transform(word, scheme)
                if t != word, VietSyllable.isValid(t.unicodeScalars) {
                    out += t
                    changed = true
                    word = ""
                    return
                }
            }
            out += word
            word = ""
        }
        for ch in text.unicodeScalars {
            if VietSyllable.isWordScalar(ch) { word.unicodeScalars.append(ch) } else { flush(); out.unicodeScalars.append(ch) }
        }
        flush()
        return changed ? out : nil
    }
}

import Foundation

/// The slow path of `LegacyEncoding.repairIfGarbled`: runs only when telltale characters were seen.
enum LegacyRepair {
    enum Scheme: String, CaseIterable {
        case tcvn3, vni, viqr
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

    static let vniBytes: [UInt32: UInt8] = {
        var map = LegacyCodecs.cp1252Inverse
        for b in 0x80...0x9F { map[UInt32(b)] = UInt8(b) }
        return map
    }()

    /// Transforms each word whose characters all have a byte under the scheme's reading; other
    /// words (real Unicode Vietnamese among garbled text) are left as they are.
    static func transform(_ text: String, _ scheme: Scheme) -> String {
        if scheme == .viqr { return VIQR.decode(text) }
        var out = String.UnicodeScalarView()
        var word: [Unicode.Scalar] = []
        var bytes: [UInt8] = []
        let map = scheme == .tcvn3 ? tcvn3Bytes : vniBytes
        func flush() {
            guard !word.isEmpty else { return }
            bytes.removeAll(keepingCapacity: true)
            var ok = true
            var high = false
            for s in word {
                guard let b = map[s.value] else { ok = false; break }
                if b >= 0x80 { high = true }
                bytes.append(b)
            }
            if ok && high {
                let decoded = scheme == .tcvn3
                    ? LegacyCodecs.decodeSingle(bytes, table: LegacyTables.tcvn3)
                    : LegacyCodecs.decodeVNI(bytes)
                out.append(contentsOf: decoded.unicodeScalars)
            } else {
                out.append(contentsOf: word)
            }
            word.removeAll(keepingCapacity: true)
        }
        for s in text.unicodeScalars {
            if VietSyllable.isWordScalar(s) { word.append(s) } else { flush(); out.append(s) }
        }
        flush()
        return String(out)
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

    private struct WordInfo {
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
        guard !text.contains("\n") else {
            return text.split(separator: "\n", omittingEmptySubsequences: false).map { restoreCapitals(String($0)) }.joined(separator: "\n")
        }
        let scalars = Array(text.unicodeScalars)
        var words: [WordInfo] = []
        var i = 0
        while i < scalars.count {
            guard VietSyllable.isWordScalar(scalars[i]) else { i += 1; continue }
            var j = i
            while j < scalars.count, VietSyllable.isWordScalar(scalars[j]) { j += 1 }
            var info = WordInfo(range: i..<j)
            for s in scalars[i..<j] {
                let props = s.properties
                if props.isUppercase { info.upper += 1 }
                else if props.isLowercase { if s.isASCII { info.asciiLower += 1 } else { info.otherLower += 1 } }
            }
            if info.otherLower > 0 || info.strong || info.upper >= 2 { info.valid = VietSyllable.isValid(scalars[i..<j]) }
            words.append(info)
            i = j
        }
        var upperRanges: [Range<Int>] = []
        let noLowercaseWord = !words.contains { $0.asciiLower > 0 }
        for (k, w) in words.enumerated() {
            guard w.otherLower > 0 else { continue }
            if w.asciiLower == 0, w.valid, capitalWord(words, k, noLowercaseWord: noLowercaseWord) {
                upperRanges.append(w.range)
                continue
            }
            // A toned letter (TCVN3 has no capital for it) starting a sentence, and "Ủy ban".
            let first = scalars[w.range.lowerBound]
            guard let letter = VietSyllable.letters[first.value], letter.tone != 0, !letter.upper else { continue }
            if afterSentenceEnd(scalars, w.range.lowerBound) || isUyBan(scalars, w, next: k + 1 < words.count ? words[k + 1] : nil) {
                upperRanges.append(w.range.lowerBound..<(w.range.lowerBound + 1))
            }
        }
        guard !upperRanges.isEmpty else { return text }
        var out = String.UnicodeScalarView()
        var last = 0
        for r in upperRanges {
            out.append(contentsOf: scalars[last..<r.lowerBound])
            for s in scalars[r] { out.append(contentsOf: s.properties.uppercaseMapping.unicodeScalars) }
            last = r.upperBound
        }
        out.append(contentsOf: scalars[last...])
        return String(out)
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

    static func repair(_ doc: DecodedDocument, clues: LegacyEncoding.Clues) -> DecodedDocument {
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
        let unicodeEvident = segments.map { hasUnicodeVietnamese($0.text) }
        let docHasUnicode = unicodeEvident.contains(true)

        // Evidence per scheme: the gain in valid syllables over segments that are not Unicode.
        var candidates: [Scheme] = []
        if clues.tcvn3 > 0 { candidates.append(.tcvn3) }
        if clues.vni > 0 { candidates.append(.vni) }
        if clues.viqr >= 3 { candidates.append(.viqr) }
        var fontVotes: [Scheme: Int] = [:]
        for seg in segments { if let s = fontScheme(seg.font) { fontVotes[s, default: 0] += 1 } }

        var best: (scheme: Scheme, gain: Int, results: [String?])?
        for scheme in candidates {
            var gain = 0
            var results: [String?] = Array(repeating: nil, count: segments.count)
            for (k, seg) in segments.enumerated() {
                let text = seg.text
                guard !text.isEmpty else { continue }
                let t = transform(text, scheme)
                guard t != text else { continue }
                results[k] = t
                if scheme == .viqr {
                    // Splitting at the marks leaves ASCII fragments that look valid: count the
                    // tokens that became valid syllables instead.
                    gain += VIQR.convertedTokens(text)
                } else if !unicodeEvident[k] {
                    gain += VietSyllable.score(t).net - VietSyllable.score(text).net
                }
            }
            let needed = (fontVotes[scheme] ?? 0) > 0 ? 1 : 2
            if gain >= needed, gain > (best?.gain ?? 0) { best = (scheme, gain, results) }
        }
        guard let best else { return doc }

        var out = doc
        var changed = false
        for (k, seg) in segments.enumerated() {
            let capitalFont = best.scheme == .tcvn3 && isCapitalFont(seg.font)
            var newText: String? = nil
            if let t = best.results[k] {
                if best.scheme == .viqr {
                    newText = t
                } else if unicodeEvident[k] {
                    // Real Unicode Vietnamese here: repair only words that carry a telltale.
                    newText = repairWords(seg.text, best.scheme)
                } else {
                    let before = VietSyllable.score(seg.text).net
                    let after = VietSyllable.score(t).net
                    if after > before {
                        newText = t
                    } else if after == before {
                        var c = LegacyEncoding.Clues()
                        c.scan(seg.text)
                        let telltale = best.scheme == .tcvn3 ? c.tcvn3 > 0 : best.scheme == .vni ? c.vni > 0 : c.viqr > 0
                        if telltale || fontScheme(seg.font) == best.scheme || !docHasUnicode { newText = t }
                    }
                }
            }
            if best.scheme == .tcvn3 {
                if capitalFont, newText != nil || (best.results[k] == nil && !unicodeEvident[k]) {
                    newText = (newText ?? seg.text).uppercased()
                } else if let t = newText {
                    newText = restoreCapitals(t)
                }
            }
            guard let t = newText, t != seg.text else { continue }
            changed = true
            let p = paths[k]
            switch out.blocks[p.block] {
            case var .row(r):
                r.segments[p.segment].text = t
                out.blocks[p.block] = .row(r)
            case var .table(tb):
                tb.rows[p.row][p.cell].segments[p.segment].text = t
                out.blocks[p.block] = .table(tb)
            }
        }
        if changed { out.encoding = best.scheme.rawValue }
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
            if (scheme == .tcvn3 ? c.tcvn3 : c.vni) > 0 {
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

import Foundation

/// Writes names printed in capitals the way Vietnamese prose writes them
/// ("SỞ NÔNG NGHIỆP VÀ PTNT" → "Sở Nông nghiệp và PTNT") and expands agency
/// abbreviations in issuer names. Mixed-case input keeps its case.
public struct Casing: Sendable {
    public let lexicon: Lexicon

    public init(lexicon: Lexicon) { self.lexicon = lexicon }


    /// An agency's name: recased when printed in capitals, abbreviations expanded when `expand`.
    public func agency(_ raw: String, expand: Bool = true) -> String {
        var s = raw.trimmed(" .,;:")
        if Self.isCapitals(s) { s = recaseAgency(s) }
        if expand { s = expandAbbreviations(s) }
        return s
    }

    /// A person's name: "NGUYỄN VĂN A" → "Nguyễn Văn A".
    public func person(_ raw: String) -> String {
        let s = raw.trimmed(" .,;:")
        guard Self.isCapitals(s) else { return s }
        return s.split(separator: " ").map { Self.capitalized(String($0)) }.joined(separator: " ")
    }

    /// A position: "PHÓ CHỦ TỊCH" → "Phó Chủ tịch", "GIÁM ĐỐC SỞ NN VÀ PTNT THANH HÓA" →
    /// "Giám đốc Sở NN và PTNT Thanh Hóa".
    public func position(_ raw: String) -> String {
        let s = raw.trimmed(" .,;:")
        guard Self.isCapitals(s) else { return s }
        // OCR lost the marks of a known position ("PHO CHU TICH"): the lexicon's form.
        if let i = positionWithoutMarks(s), lexicon.positionAsciiKeys[i] == Fold.asciiCollapsed(s), Fold.key(s) != lexicon.positionKeys[i] {
            return lexicon.positions[i]
        }
        let words = s.split(separator: " ").map(String.init)
        // Where an agency name starts inside the position.
        var agencyStart = words.count
        for i in 1..<max(words.count, 1) {
            let tail = words[i...].joined(separator: " ")
            if startsWithHead(tail) && !startsWithPosition(tail) && words.count - i >= 2 { agencyStart = i; break }
        }
        var head = words[..<agencyStart].map { $0.lowercased() }
        if !head.isEmpty {
            head[0] = Self.capitalized(head[0])
            if lexicon.positionModifierKeys.contains(Fold.key(words[0])), head.count > 1 { head[1] = Self.capitalized(head[1]) }
        }
        var out = head.joined(separator: " ")
        if agencyStart < words.count {
            out += " " + recaseAgency(words[agencyStart...].joined(separator: " "))
        }
        return fixProperNouns(out)
    }

    /// What a signing prefix signs for: a position ("CHỦ TỊCH") or a body ("ỦY BAN NHÂN DÂN").
    public func onBehalfOf(_ raw: String) -> String {
        startsWithPosition(raw) ? position(raw) : agency(raw, expand: false)
    }

    func startsWithHead(_ s: String) -> Bool {
        let k = Fold.key(s)
        if lexicon.agencyHeadKeys.contains(where: { k.hasPrefix($0 + " ") || k == $0 }) { return true }
        return headWithoutMarks(s) != nil
    }

    /// The agency head a line of capitals opens with when compared without marks
    /// ("SƠ TU PHÁP", "UY BAN NHAN DAN": OCR loses marks on capitals).
    func headWithoutMarks(_ s: String) -> Int? {
        guard Self.isCapitals(s) else { return nil }
        let a = Fold.asciiCollapsed(s)
        return lexicon.agencyHeadAsciiKeys.indices.filter { i in
            let h = lexicon.agencyHeadAsciiKeys[i]
            return a.hasPrefix(h + " ") || a == h
        }.max { lexicon.agencyHeadAsciiKeys[$0].count < lexicon.agencyHeadAsciiKeys[$1].count }
    }

    func startsWithPosition(_ s: String) -> Bool {
        let k = Fold.key(s)
        return lexicon.positionKeys.contains { k.hasPrefix($0 + " ") || k == $0 } || positionWithoutMarks(s) != nil
    }

    /// The position a line opens with when OCR lost some of its marks ("PHO CHU TICH",
    /// "CHU TỊCH"): word by word, a word without marks is compared without marks, a word with
    /// marks must have the position's ("PHỐ HÀ NỘI" is not "PHÓ …"). The longest such position.
    func positionWithoutMarks(_ s: String) -> Int? {
        let words = s.split(separator: " ")
        return lexicon.positions.indices.filter { i in
            Self.wordsOpen(words, with: lexicon.positionWords[i])
        }.max { lexicon.positions[$0].count < lexicon.positions[$1].count }
    }

    /// Whether `words` start with `entry` (its words as `(key, ascii)`), loosely as above.
    static func wordsOpen(_ words: [Substring], with entry: [(key: String, ascii: String)]) -> Bool {
        guard words.count >= entry.count else { return false }
        for (w, e) in zip(words, entry) {
            if w.unicodeScalars.allSatisfy({ $0.isASCII }) {
                if Fold.ascii(w) != e.ascii { return false }
            } else if Fold.key(w) != e.key {
                return false
            }
        }
        return true
    }

    /// Lowercase all, then capitalize: the first word; the word after a head ("Sở Nông");
    /// words after "và", ",", "-" inside a ministry or department name; place names after a
    /// place level; province names; proper nouns. Abbreviations stay in capitals.
    func recaseAgency(_ s: String) -> String {
        let words = s.split(separator: " ").map(String.init)
        var out: [String] = []
        var capitalizeNext = true
        var inPlace = false
        var fieldName = false   // inside "Sở/Bộ …": each field is capitalized
        var i = 0
        while i < words.count {
            let w = words[i]
            let rest = words[i...].joined(separator: " ")
            let restKey = Fold.key(rest)
            if isAbbreviation(w) {
                out.append(w)
                capitalizeNext = false
                i += 1
                continue
            }
            let restAscii = Fold.asciiCollapsed(rest)
            if !lexicon.notPlaceLevelAscii.contains(where: { restAscii.hasPrefix($0) }), !(fieldName && capitalizeNext),
               let li = lexicon.placeLevelKeys.firstIndex(where: { restKey.hasPrefix($0 + " ") })
                ?? lexicon.placeLevelAsciiKeys.firstIndex(where: { restAscii.hasPrefix($0 + " ") }), !out.isEmpty {
                // (A level written without marks, "TINH", is given them back from the lexicon.)
                let level = lexicon.placeLevels[li]
                let n = level.split(separator: " ").count
                let restore = !Fold.key(words[i..<min(i + n, words.count)].joined(separator: " ")).hasPrefix(lexicon.placeLevelKeys[li])
                let levelWords = level.split(separator: " ").map { String($0).lowercased() }
                for k in 0..<n where i + k < words.count { out.append(restore ? levelWords[k] : words[i + k].lowercased()) }
                i += n
                inPlace = true
                continue
            }
            if !inPlace, out.isEmpty, let hi = lexicon.agencyHeadKeys.firstIndex(where: { restKey.hasPrefix($0 + " ") || restKey == $0 })
                ?? headWithoutMarks(rest) {
                let head = lexicon.agencyHeads[hi]
                let n = head.split(separator: " ").count
                let headWords = head.split(separator: " ").map(String.init)
                for k in 0..<n where i + k < words.count {
                    out.append(k == 0 ? Self.capitalized(headWords[k].lowercased()) : (headWords[k].first?.isUppercase == true ? headWords[k] : headWords[k].lowercased()))
                }
                i += n
                capitalizeNext = true
                fieldName = lexicon.fieldHeadKeys.contains(Fold.key(head))
                continue
            }
            var lw = w.lowercased()
            if inPlace || capitalizeNext { lw = Self.capitalized(lw) }
            out.append(lw)
            capitalizeNext = false
            if fieldName, lw == "và" || w.hasSuffix(",") || w == "-" || w == "–" { capitalizeNext = true }
            i += 1
        }
        return fixProperNouns(fixProvinces(out.joined(separator: " ")))
    }

    func fixProvinces(_ s: String) -> String {
        var out = s
        let folded = Fold.key(s)
        for (name, key) in lexicon.provinceForms where folded.has(key) {
            if let r = out.findCaseless(name) { out.replaceSubrange(r, with: name) }
        }
        return restoreProvinceMarks(out)
    }

    /// A province written without some of its marks ("QUANG BINH", "Quang Bình", OCR's
    /// "QUẢNG: BÌNH", "QUANGBÌNH") becomes the lexicon's name; names written right are left
    /// alone. Candidates are looked up by their first word folded without marks.
    func restoreProvinceMarks(_ s: String) -> String {
        var words = s.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard words.count >= 2 else { return s }
        // Each word without one trailing mark of punctuation, and that mark.
        func split(_ w: String) -> (core: String, trail: String) {
            guard let l = w.last, ",;.:)".contains(l), w.count > 1 else { return (w, "") }
            return (String(w.dropLast()), String(l))
        }
        let parts = words.map(split)
        let folded = parts.map { Fold.asciiCollapsed($0.core) }
        var changed = false
        var out: [String] = []
        var i = 0
        while i < words.count {
            var matched = false
            if let merged = lexicon.provinceByMergedAscii[folded[i]] {
                // Two words OCR ran together.
                let proper = lexicon.provinces[merged].split(separator: " ").map(String.init)
                out += proper.dropLast() + [proper.last! + parts[i].trail]
                changed = true
                matched = true
                i += 1
            } else {
                for (index, names) in lexicon.provincesByFirstAsciiWord[folded[i]] ?? [] {
                    let n = names.count
                    guard i + n <= words.count else { continue }
                    // A colon inside the name is OCR noise; any other mark inside ends the match.
                    let inner = (0..<(n - 1)).allSatisfy { k in parts[i + k].trail.isEmpty || parts[i + k].trail == ":" }
                    guard inner, (0..<n).allSatisfy({ folded[i + $0] == names[$0] }) else { continue }
                    let p = lexicon.provinces[index]
                    let window = words[i..<(i + n)]
                    // Rewritten when marks differ or an inner colon is dropped.
                    let core = parts[i..<(i + n)].map(\.core)
                    let innerColon = parts[i..<(i + n - 1)].contains { !$0.trail.isEmpty }
                    if Fold.key(core.joined(separator: " ")) != Fold.key(p) || innerColon {
                        let proper = p.split(separator: " ").map(String.init)
                        out += proper.dropLast() + [proper.last! + parts[i + n - 1].trail]
                        changed = true
                    } else {
                        out += window
                    }
                    i += n
                    matched = true
                    break
                }
            }
            if !matched { out.append(words[i]); i += 1 }
        }
        return changed ? out.joined(separator: " ") : s
    }

    func fixProperNouns(_ s: String) -> String {
        var out = s
        for p in lexicon.properNouns {
            var from = out.startIndex
            while let r = out.findCaseless(p, from: from) {
                let before = r.lowerBound == out.startIndex ? " " : out[out.index(before: r.lowerBound)]
                let after = r.upperBound == out.endIndex ? " " : out[r.upperBound]
                if !before.isLetter && !after.isLetter { out.replaceSubrange(r, with: p) }
                from = out.index(r.lowerBound, offsetBy: p.count, limitedBy: out.endIndex) ?? out.endIndex
                if from >= out.endIndex { break }
            }
        }
        return out
    }

    /// Expands whole-word abbreviations (UBND → Ủy ban nhân dân, "NN và PTNT" → …).
    public func expandAbbreviations(_ s: String) -> String {
        var out = s
        for (abbr, expansion) in lexicon.abbreviations {
            var from = out.startIndex
            while let r = out.find(abbr, from: from) {
                let before = r.lowerBound == out.startIndex ? " " : out[out.index(before: r.lowerBound)]
                let after = r.upperBound == out.endIndex ? " " : out[r.upperBound]
                if !before.isLetter && !before.isNumber && !after.isLetter && !after.isNumber && after != "&" && before != "&" {
                    out.replaceSubrange(r, with: expansion)
                    from = out.index(r.lowerBound, offsetBy: expansion.count)
                } else {
                    from = r.upperBound
                }
                if from >= out.endIndex { break }
            }
        }
        return out
    }

    /// An all-capitals token kept as is: a known abbreviation or a word with no vowel
    /// ("PTNT", "TCCB", "KTKT", "SNN&PTNT").
    func isAbbreviation(_ w: String) -> Bool {
        let core = w.trimmed(".,;:()")
        guard core.count >= 2, core.allSatisfy({ !$0.isLowercase }) else { return false }
        if lexicon.abbreviations.contains(where: { $0.abbr == core }) { return true }
        if core.has("&") || core.contains(where: \.isNumber) { return true }
        return !core.contains(where: { Self.capitalVowels.contains($0) })
    }

    static let capitalVowels = Set("AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ")

    static func isCapitals(_ s: some StringProtocol) -> Bool {
        isCapitals(scalars: s.unicodeScalars)
    }

    /// `isCapitals` of the first `n` characters (scalars: the text is NFC).
    static func isCapitals(prefix n: Int, of s: some StringProtocol) -> Bool {
        isCapitals(scalars: s.unicodeScalars.prefix(n))
    }

    static func isCapitals(scalars: some Sequence<Unicode.Scalar>) -> Bool {
        var upper = 0, lower = 0
        for u in scalars {
            let v = u.value
            let c: UInt8
            if v < UInt32(letterCase.count) {
                c = letterCase[Int(v)]
            } else {
                let ch = Character(u)
                c = !ch.isLetter ? 0 : ch.isUppercase ? 1 : ch.isLowercase ? 2 : 0
            }
            if c == 1 { upper += 1 } else if c == 2 { lower += 1 }
        }
        return upper >= 2 && lower * 2 <= upper
    }

    /// For every scalar below U+2000: 1 an uppercase letter, 2 a lowercase one, else 0
    /// (`Character`'s own properties; text is NFC, so a letter is one scalar).
    static let letterCase: [UInt8] = (0..<0x2000).map { v -> UInt8 in
        guard let u = Unicode.Scalar(UInt32(v)) else { return 0 }
        let ch = Character(u)
        return !ch.isLetter ? 0 : ch.isUppercase ? 1 : ch.isLowercase ? 2 : 0
    }

    static func capitalized(_ w: String) -> String {
        guard let f = w.first else { return w }
        return String(f).uppercased() + w.dropFirst()
    }
}

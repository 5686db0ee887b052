import Foundation

/// Vietnamese syllable phonotactics: onset + rime (medial, nucleus, coda) + at most one tone,
/// with the stop codas (c, ch, p, t) taking only the sắc or nặng tone. Used to score candidate
/// decodings and repairs by the share of words that are valid Vietnamese syllables.
enum VietSyllable {
    /// What one letter scalar contributes: its toneless lowercase base, its tone (0 = none,
    /// 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng) and its case.
    struct Letter: Sendable {
        var base: Character
        var tone: UInt8
        var upper: Bool
        /// Letter outside ASCII (ă â ê ô ơ ư đ or a toned vowel).
        var vietnamese: Bool
    }

    static let letters: [UInt32: Letter] = {
        var table: [UInt32: Letter] = [:]
        let toneOf: [UInt32: UInt8] = [0x300: 1, 0x301: 2, 0x309: 3, 0x303: 4, 0x323: 5]
        var ranges: [ClosedRange<UInt32>] = [0x41...0x5A, 0x61...0x7A, 0xC0...0x1B0, 0x1EA0...0x1EF9]
        ranges.sort { $0.lowerBound < $1.lowerBound }
        for range in ranges {
            for v in range {
                guard let scalar = Unicode.Scalar(v) else { continue }
                if v == 0x110 || v == 0x111 {
                    table[v] = Letter(base: "đ", tone: 0, upper: v == 0x110, vietnamese: true)
                    continue
                }
                let nfd = Array(String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars)
                guard let first = nfd.first, first.isASCII, first.properties.isAlphabetic else { continue }
                let upper = first.value < 0x61
                let lower = Character(Unicode.Scalar(first.value | 0x20)!)
                var tone: UInt8 = 0
                var modifier: UInt32 = 0
                var ok = true
                for mark in nfd.dropFirst() {
                    if let t = toneOf[mark.value], tone == 0 { tone = t }
                    else if [0x302, 0x306, 0x31B].contains(mark.value), modifier == 0 { modifier = mark.value }
                    else { ok = false }
                }
                guard ok else { continue }
                var base = String(lower)
                switch (lower, modifier) {
                case (_, 0): break
                case ("a", 0x302), ("e", 0x302), ("o", 0x302), ("a", 0x306), ("o", 0x31B), ("u", 0x31B):
                    base = (base + String(Unicode.Scalar(modifier)!)).precomposedStringWithCanonicalMapping
                default: ok = false
                }
                guard ok else { continue }
                if tone != 0, !"aăâeêioôơuưy".contains(Character(base)) { continue }
                table[v] = Letter(base: Character(base), tone: tone, upper: upper, vietnamese: v >= 0x80)
            }
        }
        return table
    }()

    static let onsets: [String] = ["ngh", "ng", "nh", "gh", "gi", "kh", "ph", "th", "tr", "ch", "qu",
                                   "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"]

    /// Valid rimes without tone, from each nucleus (with its medial) and the codas it takes.
    static let rimes: [String] = {
        let table: [(String, [String])] = [
            ("a", ["", "i", "o", "u", "y", "c", "ch", "m", "n", "ng", "nh", "p", "t"]),
            ("ă", ["c", "m", "n", "ng", "p", "t"]),
            ("â", ["c", "m", "n", "ng", "p", "t", "u", "y"]),
            ("e", ["", "o", "c", "m", "n", "ng", "p", "t"]),
            ("ê", ["", "u", "ch", "m", "n", "nh", "p", "t"]),
            ("i", ["", "a", "u", "ch", "m", "n", "nh", "p", "t"]),
            ("iê", ["c", "m", "n", "ng", "p", "t", "u"]),
            ("yê", ["m", "n", "ng", "t", "u"]),
            ("y", [""]),
            ("o", ["", "i", "c", "m", "n", "ng", "p", "t"]),
            ("oo", ["c", "ng"]),
            ("ô", ["", "i", "c", "m", "n", "ng", "p", "t"]),
            ("ơ", ["", "i", "m", "n", "p", "t", "u"]),
            ("u", ["", "a", "i", "c", "m", "n", "ng", "p", "t"]),
            ("uô", ["i", "c", "m", "n", "ng", "t"]),
            ("ư", ["", "a", "i", "u", "c", "m", "n", "ng", "t"]),
            ("ươ", ["", "i", "u", "c", "m", "n", "ng", "p", "t"]),
            ("oa", ["", "i", "y", "o", "c", "ch", "m", "n", "ng", "nh", "p", "t"]),
            ("oă", ["c", "m", "n", "ng", "t"]),
            ("oe", ["", "o", "n", "t"]),
            ("uâ", ["n", "ng", "t", "y"]),
            ("uê", ["", "ch", "nh"]),
            ("uy", ["", "a", "u", "ch", "n", "nh", "t", "p"]),
            ("uyê", ["n", "t"]),
            ("uơ", [""]),
        ]
        return table.flatMap { nucleus, codas in codas.map { nucleus + $0 } }
    }()

    /// The toneless base letters, numbered 1… so that a word packs into 5 bits a letter.
    static let baseAlphabet: [Character] = Array("aăâbcdđeêghiklmnoôơpqrstuưvxy")

    /// 0 for letters Vietnamese does not use (f j w z).
    static func code(_ c: Character) -> UInt64 {
        UInt64((baseAlphabet.firstIndex(of: c) ?? -1) + 1)
    }

    static func pack(_ s: String) -> UInt64 {
        s.reduce(0) { $0 << 5 | code($1) }
    }

    /// Every valid toneless syllable, packed; the value says whether its coda is a stop
    /// (c, ch, p, t: only the sắc and nặng tones).
    static let syllables: [UInt64: Bool] = {
        var map: [UInt64: Bool] = [:]
        for rime in rimes {
            let stop = rime.hasSuffix("c") || rime.hasSuffix("ch") || rime.hasSuffix("p") || rime.hasSuffix("t")
            map[pack(rime)] = stop
            for onset in onsets { map[pack(onset + rime)] = stop }
        }
        return map
    }()

    /// Scalar → packed letter info for U+0000–U+1EFF: bits 0–4 base code (0 = not a
    /// Vietnamese letter), 5–7 tone, 8 capital, 9 outside ASCII.
    static let fastLetters: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 0x1F00)
        for (v, l) in letters where v < 0x1F00 && code(l.base) != 0 {
            table[Int(v)] = UInt16(code(l.base)) | UInt16(l.tone) << 5 | (l.upper ? 0x100 : 0) | (l.vietnamese ? 0x200 : 0)
        }
        return table
    }()

    /// Capital of each lowercase Vietnamese letter (and of the other letters of the table).
    static let upperOf: [UInt32: UInt32] = {
        var map: [UInt32: UInt32] = [:]
        for (v, l) in letters where !l.upper {
            let u = Unicode.Scalar(v)!.properties.uppercaseMapping.unicodeScalars
            if u.count == 1 { map[v] = u.first!.value }
        }
        return map
    }()

    /// True when `word` (letters only, any case) is a valid Vietnamese syllable.
    @inline(__always)
    static func isValid<S: Sequence>(_ word: S) -> Bool where S.Element == Unicode.Scalar {
        var key: UInt64 = 0
        var tone: UInt16 = 0
        var count = 0
        let table = fastLetters
        for scalar in word {
            let v = scalar.value
            guard v < 0x1F00 else { return false }
            let info = table[Int(v)]
            let base = info & 0x1F
            guard base != 0 else { return false }
            let t = (info >> 5) & 7
            if t != 0 {
                if tone != 0 { return false }
                tone = t
            }
            count += 1
            if count > 7 { return false }
            key = key << 5 | UInt64(base)
        }
        guard count > 0, let stop = syllables[key] else { return false }
        return !stop || tone == 2 || tone == 5
    }

    /// Counts over the words of a text: words are runs of scalars that are neither whitespace,
    /// ASCII punctuation or digits, nor general punctuation (quotes, dashes).
    struct Score: Sendable, Equatable {
        /// Valid Vietnamese syllables.
        var valid = 0
        /// Words with a scalar outside ASCII that are not valid syllables.
        var invalidNonASCII = 0
        /// Valid syllables with a letter outside ASCII (strong evidence of Vietnamese).
        var validVietnamese = 0
        var words = 0
        var net: Int { valid - invalidNonASCII }
    }

    @inline(__always)
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 {
            return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        // Whitespace, general punctuation (quotes, dashes), BOM; « » are TCVN3 letters.
        return !(v == 0x85 || v == 0xA0 || v == 0x1680 || (v >= 0x2000 && v <= 0x206F) || v == 0x3000 || v == 0xFEFF)
    }

    static func score(_ text: String) -> Score {
        var result = Score()
        var word: [Unicode.Scalar] = []
        word.reserveCapacity(16)
        func flush() {
            // One-letter words ("ở", "à", or a stray symbol) are weak evidence either way.
            guard word.count > 1 else { word.removeAll(keepingCapacity: true); return }
            result.words += 1
            let nonASCII = word.contains { !$0.isASCII }
            if isValid(word) {
                result.valid += 1
                if nonASCII { result.validVietnamese += 1 }
            } else if nonASCII {
                result.invalidNonASCII += 1
            }
            word.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) { word.append(scalar) } else { flush() }
        }
        flush()
        return result
    }
}

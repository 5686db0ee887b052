import Foundation

/// A paragraph's text folded scalar by scalar (lowercase, no marks, đ → d), one folded
/// scalar per original scalar, so a cue found in the fold is a range of the original.
/// Cue phrases are matched on whole words, a space in the cue standing for any run of
/// spaces in the text.
struct CueText {
    let text: String
    let folded: [UInt32]

    init(_ text: String) {
        self.text = text
        var out: [UInt32] = []
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            let v = u.value
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? v + 32 : v)
            } else if v < UInt32(Fold.asciiTable.count) {
                let f = Fold.asciiTable[Int(v)]
                out.append(f == 0xFFFF_FFFF ? v : f)
            } else {
                out.append(v)
            }
        }
        folded = out
    }

    /// A cue written without marks ("thang") as scalars.
    static func scalars(_ cue: String) -> [UInt32] { cue.unicodeScalars.map(\.value) }

    @inline(__always) static func isWordScalar(_ v: UInt32) -> Bool {
        (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0xC0 && v < 0x2000 && v != 0xD7 && v != 0xF7)
    }

    @inline(__always) static func isSpace(_ v: UInt32) -> Bool { v == 0x20 || v == 0x09 || v == 0xA0 || v == 0x0A }

    /// Where `cue` matches at scalar offset `i` (its end offset), on word boundaries.
    func match(_ cue: [UInt32], at i: Int) -> Int? {
        guard !cue.isEmpty, i < folded.count else { return nil }
        if i > 0, Self.isWordScalar(folded[i - 1]), Self.isWordScalar(cue[0]) { return nil }
        var k = i
        var c = 0
        while c < cue.count {
            guard k < folded.count else { return nil }
            if cue[c] == 0x20 {
                guard Self.isSpace(folded[k]) else { return nil }
                while k < folded.count, Self.isSpace(folded[k]) { k += 1 }
                c += 1
                continue
            }
            guard folded[k] == cue[c] else { return nil }
            k += 1
            c += 1
        }
        if k < folded.count, Self.isWordScalar(folded[k]), Self.isWordScalar(cue[cue.count - 1]) { return nil }
        return k
    }

    /// The first match of any of `cues` (longest first at the same place) in `range`.
    func first(of cues: [[UInt32]], in range: Range<Int>? = nil) -> Range<Int>? {
        let r = range ?? 0..<folded.count
        var i = r.lowerBound
        while i < r.upperBound {
            let v = folded[i]
            for cue in cues where cue.first == v {
                if let e = match(cue, at: i), e <= r.upperBound || range == nil { return i..<e }
            }
            i += 1
        }
        return nil
    }

    /// Every match of any of `cues`, left to right, not overlapping.
    func all(of cues: [[UInt32]]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < folded.count {
            let v = folded[i]
            var hit: Range<Int>?
            for cue in cues where cue.first == v {
                if let e = match(cue, at: i) { hit = i..<e; break }
            }
            if let h = hit { out.append(h); i = h.upperBound } else { i += 1 }
        }
        return out
    }

    /// Whether one of `cues` starts the text (after spaces, an outline mark and emphasis).
    func opens(with cues: [[UInt32]], from start: Int = 0) -> Range<Int>? {
        var i = start
        while i < folded.count, Self.isSpace(folded[i]) || folded[i] == 0x2A { i += 1 }
        for cue in cues where cue.first == folded[safe: i] {
            if let e = match(cue, at: i) { return i..<e }
        }
        return nil
    }

    /// The string index of a scalar offset.
    func index(_ offset: Int) -> String.Index {
        text.unicodeScalars.index(text.unicodeScalars.startIndex, offsetBy: min(offset, folded.count))
    }

    func offset(_ index: String.Index) -> Int {
        text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: index)
    }

    /// The folded text of a scalar range, as a string (for short windows).
    func foldedString(_ r: Range<Int>) -> String {
        let lo = max(0, r.lowerBound), hi = min(folded.count, r.upperBound)
        guard lo < hi else { return "" }
        var s = String.UnicodeScalarView()
        for v in folded[lo..<hi] { if let u = Unicode.Scalar(v) { s.append(u) } }
        return String(s)
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}

import Foundation

/// Text folding for comparisons and search: case- and diacritic-insensitive,
/// with đ/Đ folded to d ("nong thon moi" finds "nông thôn mới").
///
/// Both folds run over UTF-8 bytes with tables for every scalar below U+2000
/// (Latin and Vietnamese letters and their marks); only rarer scalars take
/// Foundation's path. They sit on every extractor's path, hence the care.
public enum Fold {
    /// Lowercased, NFC, whitespace collapsed and trimmed: for comparing words that must keep their tones.
    @_specialize(where T == String)
    @_specialize(where T == Substring)
    public static func key<T: StringProtocol>(_ s: T) -> String {
        // NFC only where combining marks are present (text from Repair is NFC already).
        // A mark NFC cannot compose stays after it ("Ế" + U+0301): fold the NFC form once, never again.
        if hasCombiningMarks(s) { return keyOfComposed(String(s).precomposedStringWithCanonicalMapping) }
        return keyOfComposed(s)
    }

    @_specialize(where T == String)
    @_specialize(where T == Substring)
    private static func keyOfComposed<T: StringProtocol>(_ s: T) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        forEachScalar(s) { v in
            if isWhitespace(v) { pendingSpace = !out.isEmpty; return }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? UInt8(v + 32) : UInt8(v))
            } else if v < UInt32(TextBytes.lowerTable.count) {
                UTF8Out.append(TextBytes.lowerTable[Int(v)], to: &out)
            } else {
                out.append(contentsOf: String(Unicode.Scalar(v)!).lowercased().utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lowercased with every diacritic removed and đ → d.
    @_specialize(where T == String)
    @_specialize(where T == Substring)
    public static func ascii<T: StringProtocol>(_ s: T) -> String {
        String(decoding: asciiBytes(s, collapsingSpaces: false), as: UTF8.self)
    }

    /// `ascii` with runs of whitespace made one space and the ends trimmed: the form of search columns.
    @_specialize(where T == String)
    public static func asciiCollapsed<T: StringProtocol>(_ s: T) -> String {
        String(decoding: asciiBytes(s, collapsingSpaces: true), as: UTF8.self)
    }

    @_specialize(where T == String)
    @_specialize(where T == Substring)
    static func asciiBytes<T: StringProtocol>(_ s: T, collapsingSpaces: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        forEachScalar(s) { v in
            if collapsingSpaces, isWhitespace(v) { pendingSpace = !out.isEmpty; return }
            var f: UInt32
            if v < 0x80 {
                f = v >= 0x41 && v <= 0x5A ? v + 32 : v
            } else if v < UInt32(asciiTable.count) {
                f = asciiTable[Int(v)]
                if f == drop { return }
            } else {
                let slow = slowAscii(Unicode.Scalar(v)!)
                if slow.isEmpty { return }
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(contentsOf: slow.utf8)
                return
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            UTF8Out.append(f, to: &out)
        }
        return out
    }

    /// Calls `body` with every scalar value of `s`, decoded from its UTF-8 bytes.
    @inline(__always)
    static func forEachScalar<T: StringProtocol>(_ s: T, _ body: (UInt32) -> Void) {
        s.withUTF8Bytes { b in
            var i = 0
            while i < b.count {
                let (v, len) = Tokenizer.decode(b, i)
                i += len
                body(v)
            }
        }
    }

    /// `Character.isWhitespace` for a single scalar.
    @inline(__always)
    static func isWhitespace(_ v: UInt32) -> Bool {
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return v == 0x85 || v == 0xA0 || v == 0x1680 || (v >= 0x2000 && v <= 0x200A) || v == 0x2028 || v == 0x2029
            || v == 0x202F || v == 0x205F || v == 0x3000
    }

    /// Combining marks (U+0300–036F) are the lead bytes CC/CD in UTF-8.
    @inline(__always)
    static func hasCombiningMarks(_ s: some StringProtocol) -> Bool {
        s.utf8.contains { $0 == 0xCC || $0 == 0xCD }
    }

    private static let drop: UInt32 = 0xFFFF_FFFF

    /// The ascii fold of every scalar below U+2000 as one scalar, or `drop` for marks.
    static let asciiTable: [UInt32] = (0..<0x2000).map { v -> UInt32 in
        guard let u = Unicode.Scalar(UInt32(v)) else { return UInt32(v) }
        let f = slowAscii(u).unicodeScalars
        if f.isEmpty { return drop }
        return f.count == 1 ? f.first!.value : TextBytes.lowerTable[v]
    }

    /// The fold of one scalar, from first principles (for the table and rare scalars).
    static func slowAscii(_ u: Unicode.Scalar) -> String {
        let v = u.value
        if v < 0x80 { return String(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 32)! : u) }
        if let base = baseLetter[v] { return String(Unicode.Scalar(base)) }
        if (0x0300...0x036F).contains(v) { return "" }
        return String(u).lowercased()
    }

    /// Latin letters with diacritics (Latin-1, Extended-A/B, Vietnamese) → their lowercase base letter.
    static let baseLetter: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [0x0110: UInt8(ascii: "d"), 0x0111: UInt8(ascii: "d")]
        let ranges: [ClosedRange<UInt32>] = [0x00C0...0x024F, 0x1E00...0x1EFF]
        for r in ranges {
            for v in r {
                guard let u = Unicode.Scalar(v), table[v] == nil else { continue }
                let base = String(u).decomposedStringWithCanonicalMapping.unicodeScalars.first!.value
                if base < 0x80, let b = Unicode.Scalar(base), b.properties.isAlphabetic {
                    table[v] = UInt8(String(b).lowercased().unicodeScalars.first!.value)
                }
            }
        }
        return table
    }()
}

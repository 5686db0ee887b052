#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Searches and trims on UTF-8 bytes.
///
/// The text reaching the extractors is NFC (Repair made it so) and so are the
/// needles, so an exact match of bytes is an exact match of characters. Foundation's
/// `range(of:)` and `trimmingCharacters(in:)` bridge through UTF-16 and were the
/// largest single cost of extraction; these do the same work on the bytes in place.
extension StringProtocol {
    /// Calls `body` with the text's UTF-8 bytes (no copy for native strings).
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = String(self)
        return try copy.withUTF8(body)
    }

    /// The index `offset` UTF-8 bytes from the start.
    @inline(__always)
    func utf8Index(_ offset: Int) -> Index {
        utf8.index(utf8.startIndex, offsetBy: offset)
    }

    /// The UTF-8 offset of `i` from the start.
    @inline(__always)
    func utf8Offset(_ i: Index) -> Int {
        utf8.distance(from: utf8.startIndex, to: i)
    }

    /// Whether `needle` occurs (exactly, byte for byte).
    public func has(_ needle: String) -> Bool {
        find(needle) != nil
    }

    /// The first exact occurrence of `needle` at or after `from`.
    public func find(_ needle: String, from: Index? = nil) -> Range<Index>? {
        let start = from.map(utf8Offset) ?? 0
        let found: Int? = withUTF8Bytes { hay in
            var n = needle
            return n.withUTF8 { nd in TextBytes.search(nd, in: hay, from: start) }
        }
        guard let off = found else { return nil }
        let a = utf8Index(off)
        return a..<utf8.index(a, offsetBy: needle.utf8.count)
    }

    /// The first occurrence of `needle` without regard to case, at or after `from`
    /// (or the last one before `before` when `backwards`).
    public func findCaseless(_ needle: String, from: Index? = nil, before: Index? = nil, backwards: Bool = false) -> Range<Index>? {
        let lowNeedle = TextBytes.lowercased(Array(needle.utf8))
        let lo = from.map(utf8Offset) ?? 0
        let found: Int? = withUTF8Bytes { hay in
            let hi = before.map(utf8Offset) ?? hay.count
            return lowNeedle.withUnsafeBufferPointer { nd in
                TextBytes.searchCaseless(nd, in: hay, from: lo, to: hi, backwards: backwards)
            }
        }
        guard let off = found else { return nil }
        let a = utf8Index(off)
        return a..<utf8.index(a, offsetBy: lowNeedle.count)
    }

    /// Without leading and trailing blanks (Unicode space separators, tabs): what
    /// `trimmingCharacters(in: .whitespaces)` gives.
    public var trimmed: String {
        trimmed { $0 == " " || $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// Without leading and trailing characters from `set` (single-scalar characters).
    public func trimmed(_ set: String) -> String {
        let scalars = Array(set.unicodeScalars)
        return trimmed { scalars.contains($0) }
    }

    func trimmed(where drop: (Unicode.Scalar) -> Bool) -> String {
        let u = unicodeScalars
        var a = u.startIndex, b = u.endIndex
        while a < b, drop(u[a]) { a = u.index(after: a) }
        while b > a {
            let p = u.index(before: b)
            if !drop(u[p]) { break }
            b = p
        }
        return String(self[a..<b])
    }
}

/// Byte-level helpers behind the searches above.
enum TextBytes {
    /// The first occurrence of `needle` in `hay` at or after `from` (memchr for the
    /// first byte, memcmp for the rest).
    static func search(_ needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard needle.count > 0 else { return from <= hay.count ? from : nil }
        guard from >= 0, hay.count - from >= needle.count, let hb = hay.baseAddress, let nb = needle.baseAddress else { return nil }
        let first = Int32(nb.pointee)
        let last = hay.count - needle.count   // the last offset a match can start at
        var i = from
        while i <= last {
            guard let p = memchr(hb + i, first, last - i + 1) else { return nil }
            let at = UnsafeRawPointer(p) - UnsafeRawPointer(hb)
            if needle.count == 1 || memcmp(hb + at + 1, nb + 1, needle.count - 1) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    /// The first (or last) place in `hay[from..<to]` where the text, lowercased, is
    /// `lowNeedle` (already lowercased), without copying the text.
    static func searchCaseless(_ lowNeedle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>,
                               from: Int, to: Int, backwards: Bool) -> Int? {
        let n = lowNeedle.count
        guard n > 0, from >= 0, to <= hay.count, to - from >= n else { return nil }
        // The first byte of the needle's first letter in either case.
        let f1 = lowNeedle[0]
        var f2 = f1
        if f1 >= 0x61 && f1 <= 0x7A { f2 = f1 - 32 }
        else if f1 >= 0xC0 {
            let (v, len) = Tokenizer.decode(lowNeedle, 0)
            if v < UInt32(upperTable.count) {
                let u = upperTable[Int(v)]
                if utf8Length(u) == len { f2 = leadByte(u) }
            }
        }
        func matches(at i: Int) -> Bool {
            var j = 0, k = i
            while j < n {
                guard k < to else { return false }
                let b = hay[k]
                if b < 0x80 {
                    let l = b >= 0x41 && b <= 0x5A ? b + 32 : b
                    if l != lowNeedle[j] { return false }
                    j += 1; k += 1
                    continue
                }
                let (v, len) = Tokenizer.decode(hay, k)
                guard k + len <= to, j + len <= n else { return false }
                var l = v
                if v < UInt32(lowerTable.count) {
                    let m = lowerTable[Int(v)]
                    if utf8Length(m) == len { l = m }
                }
                // Compare the lowered scalar's bytes with the needle's.
                if len == 2 {
                    if lowNeedle[j] != UInt8(0xC0 | (l >> 6)) || lowNeedle[j + 1] != UInt8(0x80 | (l & 0x3F)) { return false }
                } else if len == 3 {
                    if lowNeedle[j] != UInt8(0xE0 | (l >> 12)) || lowNeedle[j + 1] != UInt8(0x80 | ((l >> 6) & 0x3F))
                        || lowNeedle[j + 2] != UInt8(0x80 | (l & 0x3F)) { return false }
                } else {
                    for t in 0..<len where hay[k + t] != lowNeedle[j + t] { return false }
                }
                j += len; k += len
            }
            return true
        }
        if backwards {
            var i = to - n
            while i >= from {
                let b = hay[i]
                if (b == f1 || b == f2), matches(at: i) { return i }
                i -= 1
            }
        } else {
            var i = from
            let last = to - n
            while i <= last {
                let b = hay[i]
                if (b == f1 || b == f2), matches(at: i) { return i }
                i += 1
            }
        }
        return nil
    }

    @inline(__always)
    static func leadByte(_ v: UInt32) -> UInt8 {
        v < 0x80 ? UInt8(v) : v < 0x800 ? UInt8(0xC0 | (v >> 6)) : v < 0x10000 ? UInt8(0xE0 | (v >> 12)) : UInt8(0xF0 | (v >> 18))
    }

    /// Lowercased UTF-8 with every byte at its offset: a letter whose lowercase form
    /// has another byte length (none in Vietnamese) is left as it is.
    static func lowercased(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        var i = 0
        let n = out.count
        while i < n {
            let b = out[i]
            if b < 0x80 {
                if b >= 0x41 && b <= 0x5A { out[i] = b + 32 }
                i += 1
                continue
            }
            let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            guard len > 1, len <= 3, i + len <= n else { i += len; continue }
            var v: UInt32 = len == 2 ? UInt32(b & 0x1F) : UInt32(b & 0x0F)
            for k in 1..<len { v = (v << 6) | UInt32(out[i + k] & 0x3F) }
            if v < UInt32(lowerTable.count) {
                let l = lowerTable[Int(v)]
                if l != v, utf8Length(l) == len { write(l, len, into: &out, at: i) }
            }
            i += len
        }
        return out
    }

    @inline(__always)
    static func utf8Length(_ v: UInt32) -> Int { v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4 }

    @inline(__always)
    static func write(_ v: UInt32, _ len: Int, into out: inout [UInt8], at i: Int) {
        if len == 2 {
            out[i] = UInt8(0xC0 | (v >> 6)); out[i + 1] = UInt8(0x80 | (v & 0x3F))
        } else {
            out[i] = UInt8(0xE0 | (v >> 12)); out[i + 1] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[i + 2] = UInt8(0x80 | (v & 0x3F))
        }
    }

    /// The simple uppercase mapping of every scalar below U+2000 (itself where the
    /// full mapping is not one scalar).
    static let upperTable: [UInt32] = (0..<0x2000).map { v -> UInt32 in
        guard let u = Unicode.Scalar(UInt32(v)) else { return UInt32(v) }
        let l = u.properties.uppercaseMapping.unicodeScalars
        return l.count == 1 ? l.first!.value : UInt32(v)
    }

    /// The simple lowercase mapping of every scalar below U+2000 (itself where the
    /// full mapping is not one scalar).
    static let lowerTable: [UInt32] = (0..<0x2000).map { v -> UInt32 in
        guard let u = Unicode.Scalar(UInt32(v)) else { return UInt32(v) }
        let l = u.properties.lowercaseMapping.unicodeScalars
        return l.count == 1 ? l.first!.value : UInt32(v)
    }
}
